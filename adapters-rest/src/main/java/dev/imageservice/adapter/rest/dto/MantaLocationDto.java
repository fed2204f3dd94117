package dev.imageservice.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.imageservice.application.port.in.MantaLocation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** ExportImage's answer. */
@Schema(name = "MantaLocation", description = "Where ExportImage wrote the image file and its manifest",
        example = """
                {
                  "manta_url": "https://us-east.manta.joyent.com",
                  "image_path": "/user/stor/my-image.zfs.gz",
                  "manifest_path": "/user/stor/my-image.imgmanifest"
                }""")
public record MantaLocationDto(
        @Schema(required = true, description = "The object store's base URL")
        @JsonProperty("manta_url") String mantaUrl,
        @Schema(required = true, description = "The image file's path")
        @JsonProperty("image_path") String imagePath,
        @Schema(required = true, description = "The image manifest's path")
        @JsonProperty("manifest_path") String manifestPath) {

    public static MantaLocationDto from(MantaLocation location) {
        return new MantaLocationDto(location.mantaUrl(), location.imagePath(), location.manifestPath());
    }
}
