package dev.imageservice.adapter.rest.dto;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * UpdateImage's input as the document describes it. The handler hands the members on as they came
 * rather than through this record, because a member sent as null removes the field while an absent
 * one leaves it alone, which a record cannot tell apart.
 */
@Schema(name = "UpdateImageRequest",
        description = "The fields to change; at least one. A field sent as null is removed (acl: null empties the ACL); "
                + "fields other than these are ignored.",
        example = """
                {
                  "name": "my-renamed-image"
                }""")
public record UpdateImageRequest(
        @Schema(description = "The image name, e.g. my-image", nullable = true)
        String name,
        @Schema(description = "The image version, e.g. 1.0.0", nullable = true)
        String version,
        @Schema(description = "The image description", nullable = true)
        String description,
        @Schema(description = "The image homepage, an http(s) URL", nullable = true)
        String homepage,
        @Schema(description = "The image EULA, an http(s) URL", nullable = true)
        String eula,
        @Schema(description = "The complete new ACL: UUIDs of the accounts the image is shared with",
                type = SchemaType.ARRAY, implementation = UUID.class, nullable = true)
        Object acl,
        @Schema(description = "The complete new set of tags", type = SchemaType.OBJECT,
                additionalProperties = Object.class, nullable = true)
        Object tags) {
}
