package dev.imageservice.adapter.rest.resource;

import dev.imageservice.adapter.rest.openapi.CloudApiDocument;
import dev.imageservice.adapter.rest.pipeline.CallerContext;
import dev.imageservice.adapter.rest.pipeline.CloudApi;
import dev.imageservice.adapter.rest.pipeline.Routes;
import dev.imageservice.application.port.in.ReadExportedObjectUseCase;
import dev.imageservice.application.port.out.ExportStore.StoredObject;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The read side of the embedded Manta stand-in: exported objects at {@code /LOGIN/stor/...} and
 * {@code /LOGIN/public/...}, for their owner only, with the same signed requests as the API.
 */
@CloudApi
@Path("/{login}/{area: stor|public}/{path: .+}")
@Tag(name = CloudApiDocument.TAG_EXPORTED)
public class MantaObjectsResource {

    private final CallerContext context;
    private final ReadExportedObjectUseCase readExportedObject;

    @Inject
    public MantaObjectsResource(CallerContext context, ReadExportedObjectUseCase readExportedObject) {
        this.context = context;
        this.readExportedObject = readExportedObject;
    }

    @GET
    @Operation(operationId = "GetExportedObject", summary = "Download an object ExportImage wrote",
            description = "The objects named by ExportImage's image_path and manifest_path, read by their owner.")
    @APIResponse(responseCode = "200", description = "The object's bytes",
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
                    schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", description = "ResourceNotFound: no such object, or not the account's")
    public Response getObject(@Parameter(ref = CloudApiDocument.LOGIN) @PathParam("login") String login,
                              @Parameter(description = "The area below the login",
                                      schema = @Schema(type = SchemaType.STRING, enumeration = {"stor", "public"}))
                              @PathParam("area") String area,
                              @Parameter(description = "The rest of the object's path; it may contain `/`",
                                      example = "my-image.imgmanifest")
                              @PathParam("path") String path) {
        StoredObject object = readExportedObject.readExportedObject(context.caller(),
                "/" + login + "/" + area + "/" + path);
        return Response.ok(object.stream(), MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Length", object.size())
                .build();
    }

    @OPTIONS
    @Operation(hidden = true)
    public Response preflight() {
        return Response.ok().header("Allow", Routes.MANTA_OBJECT.methods()).build();
    }
}
