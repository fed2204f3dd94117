package dev.imageservice.adapter.rest.resource;

import dev.imageservice.adapter.rest.dto.AccountDto;
import dev.imageservice.adapter.rest.openapi.CloudApiDocument;
import dev.imageservice.adapter.rest.pipeline.CallerContext;
import dev.imageservice.adapter.rest.pipeline.CloudApi;
import dev.imageservice.adapter.rest.pipeline.Routes;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** GetAccount: triton reads the account's {@code id} when it lists images that have an ACL. */
@CloudApi
@Path("/{login}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = CloudApiDocument.TAG_ACCOUNT)
public class AccountResource {

    private final CallerContext context;
    private final ResolveAccountUseCase resolveAccount;

    @Inject
    public AccountResource(CallerContext context, ResolveAccountUseCase resolveAccount) {
        this.context = context;
        this.resolveAccount = resolveAccount;
    }

    @GET
    @Operation(operationId = "GetAccount", summary = "Get the account")
    @APIResponse(responseCode = "200", description = "The account",
            content = @Content(schema = @Schema(implementation = AccountDto.class)))
    public AccountDto getAccount(@Parameter(ref = CloudApiDocument.LOGIN) @PathParam("login") String login) {
        return AccountDto.from(resolveAccount.resolveAccount(context.caller(), login));
    }

    @OPTIONS
    @Operation(hidden = true)
    public Response preflight() {
        return Response.ok().header("Allow", Routes.ACCOUNT.methods()).build();
    }
}
