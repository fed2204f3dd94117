package dev.imageservice.application.port.in;

import dev.imageservice.domain.account.Account;

/**
 * Resolves the {@code :login} of a request path for an authenticated caller: {@code my} and the
 * caller's own login name the caller; an operator may act as any account; another account's login
 * is NotAuthorized; an unknown login is ResourceNotFound.
 */
public interface ResolveAccountUseCase {

    Account resolveAccount(Account caller, String login);
}
