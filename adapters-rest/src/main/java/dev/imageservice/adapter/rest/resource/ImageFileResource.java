package dev.imageservice.adapter.rest.resource;

import dev.imageservice.adapter.rest.openapi.CloudApiDocument;
import dev.imageservice.adapter.rest.pipeline.CallerContext;
import dev.imageservice.adapter.rest.pipeline.CloudApi;
import dev.imageservice.adapter.rest.pipeline.Routes;
import dev.imageservice.application.port.in.GetImageFileUseCase;
import dev.imageservice.application.port.in.GetImageFileUseCase.ImageFileContent;
import dev.imageservice.application.port.in.ResolveAccountUseCase;
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
 * GetImageFile (IMGAPI's {@code GET /images/:uuid/file}) under the CloudAPI login: streams the
 * bytes with their stored length and MD5, never holding the file in memory. Peer datacenters
 * import files through it.
 */
@CloudApi
@Path("/{login}/images/{id}/file")
@Tag(name = CloudApiDocument.TAG_IMAGES)
public class ImageFileResource {

    private final CallerContext context;
    private final ResolveAccountUseCase resolveAccount;
    private final GetImageFileUseCase getImageFile;

    @Inject
    public ImageFileResource(CallerContext context, ResolveAccountUseCase resolveAccount,
                             GetImageFileUseCase getImageFile) {
        this.context = context;
        this.resolveAccount = resolveAccount;
        this.getImageFile = getImageFile;
    }

    @GET
    @Operation(operationId = "GetImageFile", summary = "Download an image's file",
            description = "IMGAPI's GetImageFile under the CloudAPI login: the file's bytes, with Content-Length and "
                    + "Content-MD5. Peer datacenters import files through it.")
    @APIResponse(responseCode = "200", description = "The file",
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
                    schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", description = "ResourceNotFound: unknown login, no image with that id the "
            + "account can see, or an image without a file")
    public Response getImageFile(@Parameter(ref = CloudApiDocument.LOGIN) @PathParam("login") String login,
                                 @Parameter(description = "The image's id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                                 @PathParam("id") String id) {
        ImageFileContent file = getImageFile.getImageFile(resolveAccount.resolveAccount(context.caller(), login), id);
        return Response.ok(file.content().stream(), MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Length", file.content().size())
                .header("Content-MD5", file.content().md5Base64())
                .build();
    }

    @OPTIONS
    @Operation(hidden = true)
    public Response preflight() {
        return Response.ok().header("Allow", Routes.IMAGE_FILE.methods()).build();
    }
}
