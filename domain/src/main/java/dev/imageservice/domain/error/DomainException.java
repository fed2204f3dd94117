package dev.imageservice.domain.error;

import java.util.List;
import java.util.Objects;

/** The one error family of the service: every refusal carries a stable CloudAPI code. */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final List<FieldError> errors;

    public DomainException(ErrorCode code, String message) {
        this(code, message, List.of());
    }

    public DomainException(ErrorCode code, String message, List<FieldError> errors) {
        super(message);
        this.code = Objects.requireNonNull(code);
        this.errors = List.copyOf(errors);
    }

    public ErrorCode code() {
        return code;
    }

    /** Field-level details; non-empty only for ValidationFailed. */
    public List<FieldError> errors() {
        return errors;
    }

    /** Whether {@code failure} is a refusal with this code. */
    public static boolean hasCode(Throwable failure, ErrorCode code) {
        return failure instanceof DomainException refusal && refusal.code == code;
    }

    public static DomainException notFound(String message) {
        return new DomainException(ErrorCode.RESOURCE_NOT_FOUND, message);
    }

    public static DomainException validationFailed(List<FieldError> errors) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, describe(errors), errors);
    }

    public static DomainException validationFailed(FieldError error) {
        return validationFailed(List.of(error));
    }

    private static String describe(List<FieldError> errors) {
        if (errors.isEmpty()) {
            return "Validation failed";
        }
        StringBuilder message = new StringBuilder("Invalid image data: ");
        for (int i = 0; i < errors.size(); i++) {
            FieldError error = errors.get(i);
            message.append(i == 0 ? "" : ", ").append('"').append(error.field()).append("\" (")
                    .append(error.message()).append(')');
        }
        return message.toString();
    }
}
