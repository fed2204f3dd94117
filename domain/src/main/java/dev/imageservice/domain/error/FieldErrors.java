package dev.imageservice.domain.error;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects the field errors of several value objects so that one ValidationFailed names
 * every bad field at once, as IMGAPI does.
 */
public final class FieldErrors {

    private final List<FieldError> errors = new ArrayList<>();

    /** Runs one value-object factory; a ValidationFailed is recorded and null returned. */
    public <T> T attempt(Supplier<T> factory) {
        try {
            return factory.get();
        } catch (DomainException e) {
            if (e.code() != ErrorCode.VALIDATION_FAILED) {
                throw e;
            }
            errors.addAll(e.errors());
            return null;
        }
    }

    public void add(FieldError error) {
        errors.add(error);
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw DomainException.validationFailed(errors);
        }
    }
}
