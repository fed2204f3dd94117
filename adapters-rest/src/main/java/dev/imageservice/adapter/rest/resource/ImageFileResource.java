package dev.imageservice.adapter.rest.resource;

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

/**
 * GetImageFile (IMGAPI's {@code GET /images/:uuid/file}) under the CloudAPI login: streams the
 * bytes with their stored length and MD5, never holding the file in memory. Peer datacenters
 * import files through it.
 */
@CloudApi
@Path("/{login}/images/{id}/file")
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
    public Response getImageFile(@PathParam("login") String login, @PathParam("id") String id) {
        ImageFileContent file = getImageFile.getImageFile(resolveAccount.resolveAccount(context.caller(), login), id);
        return Response.ok(file.content().stream(), MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Length", file.content().size())
                .header("Content-MD5", file.content().md5Base64())
                .build();
    }

    @OPTIONS
    public Response preflight() {
        return Response.ok().header("Allow", Routes.IMAGE_FILE.methods()).build();
    }
}
