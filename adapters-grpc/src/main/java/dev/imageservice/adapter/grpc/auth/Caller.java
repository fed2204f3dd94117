package dev.imageservice.adapter.grpc.auth;

import dev.imageservice.domain.account.Account;
import io.grpc.Context;

/** The authenticated account of the current call, put in the gRPC context by {@link SignatureAuthInterceptor}. */
public final class Caller {

    static final Context.Key<Account> KEY = Context.key("imageservice-caller");

    private Caller() {
    }

    /** The account that signed the current call. */
    public static Account current() {
        Account account = KEY.get();
        if (account == null) {
            // Only reachable if a service forgot the interceptor: fail closed.
            throw new IllegalStateException("no authenticated caller in this gRPC context");
        }
        return account;
    }
}
