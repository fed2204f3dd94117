package dev.imageservice.application.port.out;

import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.account.SshKey;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Accounts and their SSH public keys. */
public interface Accounts {

    Optional<Account> findByLogin(String login);

    Optional<Account> findById(UUID id);

    List<Account> list();

    /** Stores a new account; a login already taken is InvalidArgument. */
    void add(Account account);

    void update(Account account);

    List<SshKey> keysOf(UUID accountId);

    /** Adds a key; one that {@link SshKey#clashesWith clashes with} a key the account has is InvalidArgument. */
    void addKey(UUID accountId, SshKey key);

    /** Removes the key named by name or fingerprint; false when there was none. */
    boolean removeKey(UUID accountId, String nameOrFingerprint);
}
