package dev.imageservice.adapter.rest.dto;

import dev.imageservice.domain.error.FieldError;

/** One item of a ValidationFailed error's {@code errors}. */
public record FieldErrorDto(String field, String code, String message) {

    public static FieldErrorDto from(FieldError error) {
        return new FieldErrorDto(error.field(), error.code(), error.message());
    }
}
