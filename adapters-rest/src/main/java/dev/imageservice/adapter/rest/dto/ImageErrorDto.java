package dev.imageservice.adapter.rest.dto;

import dev.imageservice.domain.image.ImageError;

/** Why a creation failed; undocumented codes show as InternalError. */
public record ImageErrorDto(String code, String message) {

    public static ImageErrorDto from(ImageError error) {
        return new ImageErrorDto(error.shownCode(), error.message());
    }
}
