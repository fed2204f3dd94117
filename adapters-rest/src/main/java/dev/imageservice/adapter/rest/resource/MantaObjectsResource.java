package dev.imageservice.adapter.rest.resource;

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

/**
 * The read side of the embedded Manta stand-in: exported objects at {@code /LOGIN/stor/...} and
 * {@code /LOGIN/public/...}, for their owner only, with the same signed requests as the API.
 */
@CloudApi
@Path("/{login}/{area: stor|public}/{path: .+}")
public class MantaObjectsResource {

    private final CallerContext context;
    private final ReadExportedObjectUseCase readExportedObject;

    @Inject
    public MantaObjectsResource(CallerContext context, ReadExportedObjectUseCase readExportedObject) {
        this.context = context;
        this.readExportedObject = readExportedObject;
    }

    @GET
    public Response getObject(@PathParam("login") String login, @PathParam("area") String area,
                              @PathParam("path") String path) {
        StoredObject object = readExportedObject.readExportedObject(context.caller(),
                "/" + login + "/" + area + "/" + path);
        return Response.ok(object.stream(), MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Length", object.size())
                .build();
    }

    @OPTIONS
    public Response preflight() {
        return Response.ok().header("Allow", Routes.MANTA_OBJECT.methods()).build();
    }
}
