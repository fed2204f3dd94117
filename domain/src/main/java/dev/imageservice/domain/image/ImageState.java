package dev.imageservice.domain.image;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/** Image lifecycle. The transition table is the single source of legal moves. */
public enum ImageState {
    CREATING("creating"),
    UNACTIVATED("unactivated"),
    ACTIVE("active"),
    DISABLED("disabled"),
    FAILED("failed");

    private static final Map<ImageState, Set<ImageState>> TRANSITIONS = Map.of(
            CREATING, Set.of(ACTIVE, FAILED),
            UNACTIVATED, Set.of(ACTIVE),
            ACTIVE, Set.of(DISABLED),
            DISABLED, Set.of(ACTIVE),
            FAILED, Set.of());

    private final String wireName;

    ImageState(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean canMoveTo(ImageState target) {
        return TRANSITIONS.get(this).contains(target);
    }

    /** Activated images (active or disabled) are the ones others may see and clone. */
    public boolean isActivated() {
        return this == ACTIVE || this == DISABLED;
    }

    ImageState moveTo(ImageState target) {
        if (!canMoveTo(target)) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT,
                    "image cannot go from state " + wireName + " to " + target.wireName);
        }
        return target;
    }

    public static ImageState fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(value)).findFirst()
                .orElseThrow(() -> new DomainException(ErrorCode.INVALID_PARAMETER, "unknown image state: " + value));
    }
}
