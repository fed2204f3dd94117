package dev.imageservice.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import java.util.List;

/** The CloudAPI error body; {@code errors} appears for ValidationFailed only. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorDto(String code, String message, List<FieldErrorDto> errors) {

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
