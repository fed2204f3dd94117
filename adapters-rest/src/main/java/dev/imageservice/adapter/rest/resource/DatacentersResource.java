package dev.imageservice.adapter.rest.resource;

import dev.imageservice.adapter.rest.openapi.CloudApiDocument;
import dev.imageservice.adapter.rest.pipeline.CallerContext;
import dev.imageservice.adapter.rest.pipeline.CloudApi;
import dev.imageservice.adapter.rest.pipeline.Routes;
import dev.imageservice.application.port.in.ListDatacentersUseCase;
import dev.imageservice.application.port.in.ListDatacentersUseCase.DatacenterDirectory;
import dev.imageservice.application.port.in.ResolveAccountUseCase;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** ListDatacenters: `triton image copy` needs the Triton-Datacenter-Name header to know where it is. */
@CloudApi
@Path("/{login}/datacenters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = CloudApiDocument.TAG_DATACENTERS)
public class DatacentersResource {

    private final CallerContext context;
    private final ResolveAccountUseCase resolveAccount;
    private final ListDatacentersUseCase listDatacenters;

    @Inject
    public DatacentersResource(CallerContext context, ResolveAccountUseCase resolveAccount,
                               ListDatacentersUseCase listDatacenters) {
        this.context = context;
        this.resolveAccount = resolveAccount;
        this.listDatacenters = listDatacenters;
    }

    @GET
    @Operation(operationId = "ListDatacenters", summary = "List this cloud's datacenters",
            description = "Each datacenter's name with its API URL; Triton-Datacenter-Name names the one that answered.")
    @APIResponse(responseCode = "200", description = "Datacenter names and their URLs",
            headers = @Header(name = CloudApiDocument.DATACENTER_NAME, ref = CloudApiDocument.DATACENTER_NAME),
            content = @Content(schema = @Schema(type = SchemaType.OBJECT, additionalProperties = String.class,
                    example = "{\"us-east-1\": \"https://us-east-1.api.example.com\", "
                            + "\"us-west-1\": \"https://us-west-1.api.example.com\"}")))
    public Response listDatacenters(@Parameter(ref = CloudApiDocument.LOGIN) @PathParam("login") String login) {
        resolveAccount.resolveAccount(context.caller(), login);
        DatacenterDirectory directory = listDatacenters.listDatacenters();
        return Response.ok(directory.urls()).header("Triton-Datacenter-Name", directory.localName()).build();
    }

    @OPTIONS
    @Operation(hidden = true)
    public Response preflight() {
        return Response.ok().header("Allow", Routes.DATACENTERS.methods()).build();
    }
}
