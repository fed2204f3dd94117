package dev.imageservice.adapter.rest.dto;

import dev.imageservice.domain.error.FieldError;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One item of a ValidationFailed error's {@code errors}. */
@Schema(name = "FieldError", description = "One field a ValidationFailed error names", example = """
        {
          "field": "homepage",
          "code": "Invalid",
          "message": "homepage must be an http or https URL"
        }""")
public record FieldErrorDto(
        @Schema(required = true, description = "The field, e.g. name, acl or datacenter")
        String field,
        @Schema(required = true, description = "Invalid, or MissingParameter for a field that must be there")
        String code,
        @Schema(required = true, description = "Why the value was refused")
        String message) {

    public static FieldErrorDto from(FieldError error) {
        return new FieldErrorDto(error.field(), error.code(), error.message());
    }
}
