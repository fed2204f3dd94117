package dev.imageservice.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.imageservice.application.port.in.MantaLocation;

/** ExportImage's answer. */
public record MantaLocationDto(
        @JsonProperty("manta_url") String mantaUrl,
        @JsonProperty("image_path") String imagePath,
        @JsonProperty("manifest_path") String manifestPath) {

    public static MantaLocationDto from(MantaLocation location) {
        return new MantaLocationDto(location.mantaUrl(), location.imagePath(), location.manifestPath());
    }
}
