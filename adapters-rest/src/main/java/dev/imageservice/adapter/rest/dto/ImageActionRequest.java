package dev.imageservice.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of CloudAPI's action route {@code POST /{login}/images/{id}}, as the document describes it:
 * any of the action's parameters, which may also come in the query. The handler reads the merged
 * parameters directly.
 */
@Schema(name = "ImageActionRequest",
        description = "Members of CloudAPI's action form: the action (unless in the query), export's manta_path, "
                + "or update's fields",
        example = """
                {
                  "action": "export",
                  "manta_path": "/user/stor/my-image"
                }""")
public record ImageActionRequest(
        @Schema(description = "update, export or clone", enumeration = {"update", "export", "clone"})
        String action,
        @Schema(description = "export: the Manta path prefix to export to")
        @JsonProperty("manta_path") String mantaPath,
        @Schema(description = "update: the image name", nullable = true)
        String name,
        @Schema(description = "update: the image version", nullable = true)
        String version,
        @Schema(description = "update: the image description", nullable = true)
        String description,
        @Schema(description = "update: the image homepage", nullable = true)
        String homepage,
        @Schema(description = "update: the image EULA", nullable = true)
        String eula,
        @Schema(description = "update: the complete new ACL", type = SchemaType.ARRAY, implementation = UUID.class,
                nullable = true)
        Object acl,
        @Schema(description = "update: the complete new set of tags", type = SchemaType.OBJECT,
                additionalProperties = Object.class, nullable = true)
        Object tags) {
}
