package dev.imageservice.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.imageservice.adapter.rest.pipeline.ApiVersion;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageType;
import dev.imageservice.domain.image.Manifest;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An image as CloudAPI shows it. Absent fields are left out; {@code requirements} is always there,
 * {@code acl} and {@code tags} only when non-empty (as IMGAPI serialises them).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageDto(
        String id,
        String name,
        String version,
        String os,
        RequirementsDto requirements,
        String type,
        String description,
        List<ImageFileDto> files,
        Map<String, Object> tags,
        String homepage,
        @JsonProperty("published_at") String publishedAt,
        String owner,
        @JsonProperty("public") Boolean isPublic,
        String state,
        String eula,
        List<String> acl,
        String origin,
        ImageErrorDto error) {

    public static ImageDto from(Image image, ApiVersion version) {
        Manifest manifest = image.manifest();
        return new ImageDto(
                image.id().toString(),
                manifest.name().value(),
                manifest.version().value(),
                manifest.os() == null ? null : manifest.os().wireName(),
                RequirementsDto.from(manifest.requirements()),
                typeName(manifest.type(), version),
                manifest.description() == null ? null : manifest.description().value(),
                image.file() == null ? null : List.of(ImageFileDto.from(image.file())),
                manifest.tags().isEmpty() ? null : manifest.tags().values(),
                manifest.homepage() == null ? null : manifest.homepage().value(),
                image.publishedAt() == null ? null : image.publishedAt().toString(),
                image.owner().toString(),
                manifest.isPublic(),
                image.state().wireName(),
                manifest.eula() == null ? null : manifest.eula().value(),
                manifest.acl().isEmpty() ? null : manifest.acl().accounts().stream().map(UUID::toString).toList(),
                manifest.origin() == null ? null : manifest.origin().toString(),
                image.error() == null ? null : ImageErrorDto.from(image.error()));
    }

    /** API versions before 8 knew only smartmachine (zone and lx datasets) and virtualmachine (zvol). */
    private static String typeName(ImageType type, ApiVersion version) {
        if (type == null) {
            return null;
        }
        if (version.usesLegacyImageTypes()) {
            switch (type) {
                case ZONE_DATASET, LX_DATASET:
                    return "smartmachine";
                case ZVOL:
                    return "virtualmachine";
                default:
                    break;
            }
        }
        return type.wireName();
    }
}
