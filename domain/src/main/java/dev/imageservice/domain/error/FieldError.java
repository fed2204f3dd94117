package dev.imageservice.domain.error;

import java.util.Objects;

/** One entry of a ValidationFailed error's {@code errors} list, as IMGAPI reports it. */
public record FieldError(String field, String code, String message) {

    public static final String INVALID = "Invalid";
    public static final String MISSING = "MissingParameter";

    public FieldError {
        Objects.requireNonNull(field);
        Objects.requireNonNull(code);
        Objects.requireNonNull(message);
    }

    public static FieldError invalid(String field, String message) {
        return new FieldError(field, INVALID, message);
    }
}
