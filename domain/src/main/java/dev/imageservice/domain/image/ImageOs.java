package dev.imageservice.domain.image;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.FieldError;
import java.util.Arrays;

public enum ImageOs {
    SMARTOS("smartos"),
    LINUX("linux"),
    WINDOWS("windows"),
    BSD("bsd"),
    ILLUMOS("illumos"),
    OTHER("other");

    private final String wireName;

    ImageOs(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static ImageOs of(String value) {
        return Arrays.stream(values()).filter(o -> o.wireName.equals(value)).findFirst()
                .orElseThrow(() -> DomainException.validationFailed(
                        FieldError.invalid("os", "unknown os: " + value)));
    }
}
