package dev.imageservice.adapter.rest.resource;

import dev.imageservice.adapter.rest.dto.AccountDto;
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

/** GetAccount: triton reads the account's {@code id} when it lists images that have an ACL. */
@CloudApi
@Path("/{login}")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    private final CallerContext context;
    private final ResolveAccountUseCase resolveAccount;

    @Inject
    public AccountResource(CallerContext context, ResolveAccountUseCase resolveAccount) {
        this.context = context;
        this.resolveAccount = resolveAccount;
    }

    @GET
    public AccountDto getAccount(@PathParam("login") String login) {
        return AccountDto.from(resolveAccount.resolveAccount(context.caller(), login));
    }

    @OPTIONS
    public Response preflight() {
        return Response.ok().header("Allow", Routes.ACCOUNT.methods()).build();
    }
}
