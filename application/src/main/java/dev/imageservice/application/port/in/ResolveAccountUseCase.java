package dev.imageservice.application.port.in;

import dev.imageservice.domain.account.Account;
import java.util.Optional;

/**
 * Resolves the {@code :login} of a request path for an authenticated caller: {@code my} and the
 * caller's own login name the caller; an operator may act as any account; another account's login
 * is NotAuthorized; an unknown login is ResourceNotFound.
 */
public interface ResolveAccountUseCase {

    Account resolveAccount(Account caller, String login);

    /** As {@link #resolveAccount} when that needs no read ({@code my}, the caller's own login); empty otherwise. */
    Optional<Account> resolveAccountFromMemory(Account caller, String login);
}
