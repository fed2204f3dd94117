package dev.imageservice.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The CloudAPI error body; {@code errors} appears for ValidationFailed only. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Error", description = "A CloudAPI error", example = """
        {
          "code": "ResourceNotFound",
          "message": "image not found"
        }""")
public record ErrorDto(
        @Schema(required = true, description = "A CamelCase error code, such as ResourceNotFound, InvalidArgument, "
                + "MissingParameter, ValidationFailed, NotImageOwner, ImageNotShared, InvalidCredentials")
        String code,
        @Schema(required = true, description = "What went wrong, for people")
        String message,
        @Schema(description = "For ValidationFailed: each field that failed, and why")
        List<FieldErrorDto> errors) {

    public static ErrorDto of(String code, String message) {
        return new ErrorDto(code, message, null);
    }

    public static ErrorDto from(DomainException e) {
        List<FieldErrorDto> errors = e.code() == ErrorCode.VALIDATION_FAILED
                ? e.errors().stream().map(FieldErrorDto::from).toList()
                : null;
        return new ErrorDto(e.code().wireName(), e.getMessage(), errors);
    }
}
