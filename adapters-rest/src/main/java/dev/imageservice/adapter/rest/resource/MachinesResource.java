package dev.imageservice.adapter.rest.resource;

import dev.imageservice.adapter.rest.dto.MachineDto;
import dev.imageservice.adapter.rest.openapi.CloudApiDocument;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/** ListMachines and GetMachine, as far as `triton image create <instance-name>` needs them. */
@CloudApi
@Path("/{login}/machines")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = CloudApiDocument.TAG_MACHINES)
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
    @Operation(operationId = "ListMachines", summary = "List the account's machines",
            description = "As far as `triton image create <instance-name>` needs it: by name, a page at a time.")
    @APIResponse(responseCode = "200", description = "One page of machines",
            headers = @Header(name = CloudApiDocument.RESOURCE_COUNT, ref = CloudApiDocument.RESOURCE_COUNT),
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = MachineDto.class)))
    public Response listMachines(@Parameter(ref = CloudApiDocument.LOGIN) @PathParam("login") String login,
                                 @Parameter(description = "Only machines of this name", example = "my-instance")
                                 @RestQuery String name,
                                 @Parameter(description = "At most this many machines") @RestQuery @DefaultValue("1000") int limit,
                                 @Parameter(description = "Skip this many machines first") @RestQuery @DefaultValue("0") int offset) {
        MachinePage page = listMachines.listMachines(new ListMachinesQuery(account(login), name, limit, offset));
        return Response.ok(page.machines().stream().map(MachineDto::from).toList())
                .header("x-resource-count", page.total())
                .build();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "GetMachine", summary = "Get one of the account's machines")
    @APIResponse(responseCode = "200", description = "The machine",
            content = @Content(schema = @Schema(implementation = MachineDto.class)))
    @APIResponse(responseCode = "404", description = "ResourceNotFound: unknown login, or the account has no such machine")
    public MachineDto getMachine(@Parameter(ref = CloudApiDocument.LOGIN) @PathParam("login") String login,
                                 @Parameter(description = "The machine's id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                                 @PathParam("id") String id) {
        return MachineDto.from(getMachine.getMachine(account(login), id));
    }

    @OPTIONS
    @Operation(hidden = true)
    public Response preflightMachines() {
        return Response.ok().header("Allow", Routes.MACHINES.methods()).build();
    }

    @OPTIONS
    @Path("{id}")
    @Operation(hidden = true)
    public Response preflightMachine() {
        return Response.ok().header("Allow", Routes.MACHINE.methods()).build();
    }

    private Account account(String login) {
        return resolveAccount.resolveAccount(context.caller(), login);
    }
}
