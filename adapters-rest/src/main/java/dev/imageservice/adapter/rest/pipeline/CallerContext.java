package dev.imageservice.adapter.rest.pipeline;

import dev.imageservice.domain.account.Account;
import jakarta.enterprise.context.RequestScoped;

/** What the request filters established for the resources: the negotiated version and the signer. */
@RequestScoped
public class CallerContext {

    private ApiVersion version = ApiVersion.LATEST;
    private Account caller;

    public ApiVersion version() {
        return version;
    }

    void version(ApiVersion negotiated) {
        this.version = negotiated;
    }

    /** The authenticated account; the authentication filter guarantees it on every CloudAPI route. */
    public Account caller() {
        if (caller == null) {
            throw new IllegalStateException("no authenticated caller on this request");
        }
        return caller;
    }

    void caller(Account authenticated) {
        this.caller = authenticated;
    }
}
