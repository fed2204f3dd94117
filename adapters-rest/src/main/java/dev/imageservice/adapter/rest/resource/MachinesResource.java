package dev.imageservice.adapter.rest.resource;

import dev.imageservice.adapter.rest.dto.MachineDto;
import dev.imageservice.adapter.rest.pipeline.CallerContext;
import dev.imageservice.adapter.rest.pipeline.CloudApi;
import dev.imageservice.adapter.rest.pipeline.Routes;
import dev.imageservice.application.port.in.GetMachineUseCase;
import dev.imageservice.application.port.in.ListMachinesUseCase;
import dev.imageservice.application.port.in.ListMachinesUseCase.ListMachinesQuery;
import dev.imageservice.application.port.in.ListMachinesUseCase.MachinePage;
import dev.imageservice.application.port.in.ResolveAccountUseCase;
import dev.imageservice.domain.account.Account;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestQuery;

/** ListMachines and GetMachine, as far as `triton image create <instance-name>` needs them. */
@CloudApi
@Path("/{login}/machines")
@Produces(MediaType.APPLICATION_JSON)
public class MachinesResource {

    private final CallerContext context;
    private final ResolveAccountUseCase resolveAccount;
    private final ListMachinesUseCase listMachines;
    private final GetMachineUseCase getMachine;

    @Inject
    public MachinesResource(CallerContext context, ResolveAccountUseCase resolveAccount,
                            ListMachinesUseCase listMachines, GetMachineUseCase getMachine) {
        this.context = context;
        this.resolveAccount = resolveAccount;
        this.listMachines = listMachines;
        this.getMachine = getMachine;
    }

    /** The page, with the total count in {@code x-resource-count} as CloudAPI sends it. */
    @GET
    public Response listMachines(@PathParam("login") String login, @RestQuery String name,
                                 @RestQuery @DefaultValue("1000") int limit, @RestQuery @DefaultValue("0") int offset) {
        MachinePage page = listMachines.listMachines(new ListMachinesQuery(account(login), name, limit, offset));
        return Response.ok(page.machines().stream().map(MachineDto::from).toList())
                .header("x-resource-count", page.total())
                .build();
    }

    @GET
    @Path("{id}")
    public MachineDto getMachine(@PathParam("login") String login, @PathParam("id") String id) {
        return MachineDto.from(getMachine.getMachine(account(login), id));
    }

    @OPTIONS
    public Response preflightMachines() {
        return Response.ok().header("Allow", Routes.MACHINES.methods()).build();
    }

    @OPTIONS
    @Path("{id}")
    public Response preflightMachine() {
        return Response.ok().header("Allow", Routes.MACHINE.methods()).build();
    }

    private Account account(String login) {
        return resolveAccount.resolveAccount(context.caller(), login);
    }
}
