package dev.imageservice.application.service;

import dev.imageservice.application.port.out.Accounts;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.account.SshKey;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The account and keys of each login as authentication needs them, read through {@link Accounts}
 * and then served from memory for at most {@link #MAX_AGE}, so that a signed request normally
 * touches no database.
 *
 * <p>Entries only expire; nothing invalidates them. That is what keeps several instances on one
 * database correct: whichever instance (or admin command) removes a key or disables an account,
 * every instance reads the login again at most {@code MAX_AGE} later. The age counts from before
 * the read, so a change is served for at most {@code MAX_AGE} after its commit. An unknown login is
 * remembered the same way, so a new account may wait as long.
 */
@Singleton
class CredentialCache {

    /** The longest a removed key or a disabled account is still accepted after the change commits. */
    static final Duration MAX_AGE = Duration.ofSeconds(1);

    /** Far more logins than sign within one MAX_AGE; past it, expired entries go first, then all. */
    static final int MAX_ENTRIES = 10_000;

    private final Accounts accounts;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> byLogin = new ConcurrentHashMap<>();

    @Inject
    CredentialCache(Accounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    /** The login's account and keys, at most {@link #MAX_AGE} old; empty when there is no such login. */
    Optional<Credentials> of(String login) {
        Optional<Optional<Credentials>> atHand = inMemory(login);
        if (atHand.isPresent()) {
            return atHand.get();
        }
        Instant now = clock.instant();
        // Concurrent misses may each read: harmless, and cheaper than making requests wait on one another.
        Optional<Credentials> read = accounts.findByLogin(login)
                .map(account -> new Credentials(account, accounts.keysOf(account.id())));
        if (byLogin.size() >= MAX_ENTRIES) {
            byLogin.values().removeIf(stale -> !stale.isFreshAt(now));
            if (byLogin.size() >= MAX_ENTRIES) {
                byLogin.clear();
            }
        }
        byLogin.put(login, new Entry(read, now));
        return read;
    }

    /**
     * What {@link #of} would answer, when it would answer without reading; empty when it would read.
     * The inner Optional is {@code of}'s own: empty for an unknown login.
     */
    Optional<Optional<Credentials>> inMemory(String login) {
        Entry entry = byLogin.get(login);
        return entry != null && entry.isFreshAt(clock.instant()) ? Optional.of(entry.credentials()) : Optional.empty();
    }

    /** An account with the keys that may sign for it. */
    record Credentials(Account account, List<SshKey> keys) {
    }

    private record Entry(Optional<Credentials> credentials, Instant readAt) {

        /** A clock set back makes an entry stale too, rather than fresh for longer. */
        boolean isFreshAt(Instant now) {
            return !now.isBefore(readAt) && now.isBefore(readAt.plus(MAX_AGE));
        }
    }
}
