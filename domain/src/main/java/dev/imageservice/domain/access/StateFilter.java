package dev.imageservice.domain.access;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.ImageState;
import java.util.Arrays;

/**
 * The {@code state} list filter: by default only active images; {@code all} keeps every visible
 * image; any other state narrows to the caller's own images in that state.
 */
public record StateFilter(Kind kind, ImageState ownState) {

    public enum Kind { ACTIVE, ALL, OWN_IN_STATE }

    public static final StateFilter ACTIVE = new StateFilter(Kind.ACTIVE, null);
    public static final StateFilter ALL = new StateFilter(Kind.ALL, null);

    public static StateFilter parse(String value) {
        if (value == null || value.equals("active")) {
            return ACTIVE;
        }
        if (value.equals("all")) {
            return ALL;
        }
        return Arrays.stream(ImageState.values()).filter(s -> s.wireName().equals(value)).findFirst()
                .map(state -> new StateFilter(Kind.OWN_IN_STATE, state))
                .orElseThrow(() -> new DomainException(ErrorCode.INVALID_PARAMETER,
                        "state must be one of all, active, disabled, unactivated, creating, failed; got " + value));
    }
}
