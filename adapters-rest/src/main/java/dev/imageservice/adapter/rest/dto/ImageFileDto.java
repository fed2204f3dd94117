package dev.imageservice.adapter.rest.dto;

import dev.imageservice.domain.image.ImageFile;

public record ImageFileDto(String compression, String sha1, long size) {

    public static ImageFileDto from(ImageFile file) {
        return new ImageFileDto(file.compression().wireName(), file.sha1(), file.size());
    }
}
