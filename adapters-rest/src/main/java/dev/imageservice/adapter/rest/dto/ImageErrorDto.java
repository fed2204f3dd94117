package dev.imageservice.adapter.rest.dto;

import dev.imageservice.domain.image.ImageError;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Why a creation failed; undocumented codes show as InternalError. */
@Schema(name = "ImageError", description = "Why creating an image failed")
public record ImageErrorDto(
        @Schema(required = true, description = "PrepareImageDidNotRun (the machine's guest tools did not prepare it), "
                + "VmHasNoOrigin (no origin image data for the machine), NotSupported, or InternalError for anything else",
                enumeration = {"PrepareImageDidNotRun", "VmHasNoOrigin", "NotSupported", "InternalError"})
        String code,
        @Schema(required = true, description = "A short description of the failure")
        String message) {

    public static ImageErrorDto from(ImageError error) {
        return new ImageErrorDto(error.shownCode(), error.message());
    }
}
