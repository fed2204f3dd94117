package dev.imageservice.domain.image;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.FieldError;
import java.util.Arrays;
import java.util.Optional;

public enum ImageType {
    ZONE_DATASET("zone-dataset"),
    LX_DATASET("lx-dataset"),
    ZVOL("zvol"),
    DOCKER("docker"),
    LXD("lxd"),
    OTHER("other");

    private final String wireName;

    ImageType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ImageType> find(String value) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(value)).findFirst();
    }

    public static ImageType of(String value) {
        return find(value).orElseThrow(() -> DomainException.validationFailed(
                FieldError.invalid("type", "unknown type: " + value)));
    }
}
