package dev.imageservice.application.port.in;

import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.account.SshKey;
import java.util.List;

/**
 * Operator tools for accounts and their SSH keys, run from the command line (CloudAPI itself has
 * no account administration). Unknown logins are ResourceNotFound; bad keys are InvalidArgument.
 */
public interface AdministerAccountsUseCase {

    /** A new enabled account holding one key. */
    AccountWithKeys addAccount(AddAccountCommand command);

    /**
     * Adds a key named as the command says, else by its comment, else (no comment, or the account has a
     * key of that name already) by its MD5 fingerprint; the key returned carries the name used.
     */
    SshKey addKey(AddAccountKeyCommand command);

    /** Removes a key named by its name or fingerprint; ResourceNotFound when the account has no such key. */
    void removeKey(RemoveAccountKeyCommand command);

    /** Every account with its keys, by login. */
    List<AccountWithKeys> listAccounts();

    /** A disabled account may do nothing (its requests get 403 NotAuthorized); disabling twice is harmless. */
    Account disableAccount(DisableAccountCommand command);
}
