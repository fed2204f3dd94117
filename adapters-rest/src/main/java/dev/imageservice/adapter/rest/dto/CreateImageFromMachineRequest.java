package dev.imageservice.adapter.rest.dto;

import dev.imageservice.adapter.rest.pipeline.RequestParams;
import dev.imageservice.application.port.in.CreateImageFromMachineCommand;
import dev.imageservice.domain.account.Account;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * CreateImageFromMachine's input. {@code acl} and {@code tags} stay as the client sent them (a single
 * string for acl is allowed), so that the domain names a bad value the way the reference does.
 */
@Schema(name = "CreateImageFromMachineRequest",
        description = "The machine to snapshot and the new image's manifest fields; other fields are ignored",
        example = """
                {
                  "machine": "a44f2b9b-e7af-f548-b0ba-4d9270423f1a",
                  "name": "my-custom-image",
                  "version": "1.0.0"
                }""")
public record CreateImageFromMachineRequest(
        @Schema(required = true, format = "uuid", description = "The caller's machine to make the image from")
        String machine,
        @Schema(required = true, description = "The name of the new image, e.g. my-image; "
                + "letters, digits, and . _ / space -, at most 1024 characters")
        String name,
        @Schema(required = true, description = "The version of the new image, e.g. 1.0.0; "
                + "letters, digits, and . _ / + -, at most 512 characters")
        String version,
        @Schema(description = "The image description, at most 10240 characters")
        String description,
        @Schema(description = "The image homepage, an http(s) URL")
        String homepage,
        @Schema(description = "The image EULA, an http(s) URL")
        String eula,
        @Schema(description = "The UUIDs of the accounts to share the image with", type = SchemaType.ARRAY,
                implementation = UUID.class)
        Object acl,
        @Schema(description = "Key/value tags", type = SchemaType.OBJECT, additionalProperties = Object.class)
        Object tags) {

    /** From CloudAPI's merged parameters; machine, name and version are required in that order, as the reference checks them. */
    public static CreateImageFromMachineRequest from(RequestParams params) {
        return new CreateImageFromMachineRequest(params.required("machine"), params.required("name"),
                params.required("version"), params.text("description"), params.text("homepage"), params.text("eula"),
                params.value("acl"), params.value("tags"));
    }

    public CreateImageFromMachineCommand toCommand(Account caller) {
        return new CreateImageFromMachineCommand(caller, machine, name, version, description, homepage, eula, acl, tags);
    }
}
