package dev.imageservice.adapter.rest.resource;

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

/** ListDatacenters: `triton image copy` needs the Triton-Datacenter-Name header to know where it is. */
@CloudApi
@Path("/{login}/datacenters")
@Produces(MediaType.APPLICATION_JSON)
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
    public Response listDatacenters(@PathParam("login") String login) {
        resolveAccount.resolveAccount(context.caller(), login);
        DatacenterDirectory directory = listDatacenters.listDatacenters();
        return Response.ok(directory.urls()).header("Triton-Datacenter-Name", directory.localName()).build();
    }

    @OPTIONS
    public Response preflight() {
        return Response.ok().header("Allow", Routes.DATACENTERS.methods()).build();
    }
}
