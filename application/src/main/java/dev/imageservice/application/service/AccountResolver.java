package dev.imageservice.application.service;

import dev.imageservice.application.port.in.ResolveAccountUseCase;
import dev.imageservice.application.port.out.Accounts;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Resolves a path's {@code :login} (docs/compatibility.md, "One request, in order"). */
@Singleton
class AccountResolver implements ResolveAccountUseCase {

    static final String MY = "my";

    private final Accounts accounts;

    @Inject
    AccountResolver(Accounts accounts) {
        this.accounts = accounts;
    }

    /** At most one read, which needs no transaction. */
    @Override
    public Account resolveAccount(Account caller, String login) {
        if (namesCaller(caller, login)) {
            return caller;
        }
        // The reference loads the account before authorizing, so an unknown login is 404 for anyone.
        Account account = accounts.findByLogin(login)
                .orElseThrow(() -> DomainException.notFound(login + " does not exist"));
        if (!caller.operator()) {
            throw new DomainException(ErrorCode.NOT_AUTHORIZED, "You do not have permission to access " + login);
        }
        return account;
    }

    @Override
    public Optional<Account> resolveAccountFromMemory(Account caller, String login) {
        return namesCaller(caller, login) ? Optional.of(caller) : Optional.empty();
    }

    private static boolean namesCaller(Account caller, String login) {
        return MY.equals(login) || caller.login().equals(login);
    }
}
