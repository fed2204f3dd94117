package dev.imageservice.adapter.rest.dto;

import dev.imageservice.domain.image.ImageFile;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ImageFile", description = "One file of an image")
public record ImageFileDto(
        @Schema(required = true, description = "How the file is compressed",
                enumeration = {"gzip", "bzip2", "xz", "none"})
        String compression,
        @Schema(required = true, description = "SHA-1 hex digest of the file content, for corruption checks",
                example = "3bebb6ae2cdb26eef20cfb30fdc4a00a059a0b7b")
        String sha1,
        @Schema(required = true, description = "File size in bytes", example = "110742036")
        long size) {

    public static ImageFileDto from(ImageFile file) {
        return new ImageFileDto(file.compression().wireName(), file.sha1(), file.size());
    }
}
