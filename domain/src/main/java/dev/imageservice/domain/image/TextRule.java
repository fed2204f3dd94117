package dev.imageservice.domain.image;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.FieldError;
import java.util.regex.Pattern;

/** A length cap and an optional character pattern for one manifest text field. */
record TextRule(String field, int maxLength, Pattern pattern) {

    String check(String value) {
        if (value == null || value.isEmpty()) {
            throw DomainException.validationFailed(new FieldError(field, FieldError.MISSING, field + " is required"));
        }
        if (value.length() > maxLength) {
            throw DomainException.validationFailed(
                    FieldError.invalid(field, field + " must be at most " + maxLength + " characters"));
        }
        if (pattern != null && !pattern.matcher(value).matches()) {
            throw DomainException.validationFailed(
                    FieldError.invalid(field, field + " contains characters outside " + pattern.pattern()));
        }
        return value;
    }
}
