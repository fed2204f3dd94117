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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An image as CloudAPI shows it. Absent fields are left out; {@code requirements} is always there,
 * {@code acl} and {@code tags} only when non-empty (as IMGAPI serialises them).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Image", description = "An image: the software a new instance starts from.", example = ImageDto.EXAMPLE)
public record ImageDto(
        @Schema(required = true, format = "uuid", description = "Unique id for this image")
        String id,
        @Schema(required = true, description = "The \"friendly\" name for this image")
        String name,
        @Schema(required = true, description = "The version for this image")
        String version,
        @Schema(description = "The underlying operating system for this image",
                enumeration = {"smartos", "linux", "windows", "bsd", "illumos", "other"})
        String os,
        @Schema(required = true, description = "Minimum requirements for provisioning an instance with this image")
        RequirementsDto requirements,
        @Schema(description = "What kind of image this is. Before API 8.0.0 zone-dataset and lx-dataset show as "
                + "smartmachine, zvol as virtualmachine.",
                enumeration = {"zone-dataset", "lx-dataset", "zvol", "docker", "lxd", "other",
                        "smartmachine", "virtualmachine"})
        String type,
        @Schema(description = "A short description of the image")
        String description,
        @Schema(description = "The image's file; only a single file per image is supported")
        List<ImageFileDto> files,
        @Schema(description = "Key/value pairs that categorise the image; scalar values can be searched")
        Map<String, Object> tags,
        @Schema(description = "The URL of a web page with more detailed information on this image")
        String homepage,
        @Schema(format = "date-time", description = "When the image was made available (absent until activated)")
        @JsonProperty("published_at") String publishedAt,
        @Schema(required = true, format = "uuid", description = "The UUID of the account that owns this image")
        String owner,
        @Schema(required = true, description = "Whether this image is publicly available")
        @JsonProperty("public") Boolean isPublic,
        @Schema(required = true, description = "The current state of the image",
                enumeration = {"active", "unactivated", "disabled", "creating", "failed"})
        String state,
        @Schema(description = "URL of the End User License Agreement (EULA) for the image")
        String eula,
        @Schema(description = "Access Control List: the UUIDs of the accounts a private image is shared with",
                type = SchemaType.ARRAY, implementation = UUID.class)
        List<String> acl,
        @Schema(format = "uuid", description = "The image this incremental image is built on")
        String origin,
        @Schema(description = "Why creating the image failed, when state is failed")
        ImageErrorDto error) {

    /** GetImage's example in the CloudAPI documentation. */
    static final String EXAMPLE = """
            {
              "id": "2b683a82-a066-11e3-97ab-2faa44701c5a",
              "name": "base",
              "version": "13.4.0",
              "os": "smartos",
              "requirements": {},
              "type": "zone-dataset",
              "description": "A 32-bit SmartOS image with just essential packages installed. Ideal for users who are comfortable with setting up their own environment and tools.",
              "files": [
                {
                  "compression": "gzip",
                  "sha1": "3bebb6ae2cdb26eef20cfb30fdc4a00a059a0b7b",
                  "size": 110742036
                }
              ],
              "tags": {
                "role": "os",
                "group": "base-32"
              },
              "homepage": "https://docs.joyent.com/images/smartos/base",
              "published_at": "2014-02-28T10:50:42Z",
              "owner": "930896af-bf8c-48d4-885c-6573a94b1853",
              "public": true,
              "state": "active"
            }""";

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
