package dev.imageservice.application.service;

import dev.imageservice.application.port.in.AccountWithKeys;
import dev.imageservice.application.port.in.AddAccountCommand;
import dev.imageservice.application.port.in.AddAccountKeyCommand;
import dev.imageservice.application.port.in.AdministerAccountsUseCase;
import dev.imageservice.application.port.in.DisableAccountCommand;
import dev.imageservice.application.port.in.RemoveAccountKeyCommand;
import dev.imageservice.application.port.out.Accounts;
import dev.imageservice.application.port.out.PublicKeyParser;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.account.SshKey;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

@Singleton
class AdministerAccountsService implements AdministerAccountsUseCase {

    private final Accounts accounts;
    private final PublicKeyParser publicKeys;
    private final Clock clock;

    @Inject
    AdministerAccountsService(Accounts accounts, PublicKeyParser publicKeys, Clock clock) {
        this.accounts = accounts;
        this.publicKeys = publicKeys;
        this.clock = clock;
    }

    @Override
    @Transactional
    public AccountWithKeys addAccount(AddAccountCommand command) {
        // Parse the key first: a bad key file must not leave a keyless account behind.
        SshKey key = publicKeys.parse(command.publicKey(), command.keyName());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (command.id() != null && accounts.findById(command.id()).isPresent()) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "account id " + command.id() + " is already taken");
        }
        Account account = new Account(command.id() == null ? UUID.randomUUID() : command.id(), command.login(),
                command.email(), command.operator(), false, now, now);
        accounts.add(account);
        accounts.addKey(account.id(), key);
        return new AccountWithKeys(account, List.of(key));
    }

    @Override
    @Transactional
    public SshKey addKey(AddAccountKeyCommand command) {
        Account account = load(command.login());
        SshKey key = publicKeys.parse(command.publicKey(), command.keyName());
        boolean named = command.keyName() != null && !command.keyName().isBlank();
        if (!named && accounts.keysOf(account.id()).stream().anyMatch(k -> k.name().equals(key.name()))) {
            // Keys made on one host share their comment (root@vm); CloudAPI names a key given no name by
            // its fingerprint, and so does this when the comment is taken.
            SshKey byFingerprint = key.namedByFingerprint();
            accounts.addKey(account.id(), byFingerprint);
            return byFingerprint;
        }
        accounts.addKey(account.id(), key);
        return key;
    }

    @Override
    @Transactional
    public void removeKey(RemoveAccountKeyCommand command) {
        Account account = load(command.login());
        if (!accounts.removeKey(account.id(), command.key())) {
            throw DomainException.notFound("account " + account.login() + " has no key " + command.key());
        }
    }

    @Override
    @Transactional
    public List<AccountWithKeys> listAccounts() {
        return accounts.list().stream()
                .map(account -> new AccountWithKeys(account, accounts.keysOf(account.id())))
                .toList();
    }

    @Override
    @Transactional
    public Account disableAccount(DisableAccountCommand command) {
        Account account = load(command.login());
        if (account.disabled()) {
            return account;
        }
        Account disabled = account.disable(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        accounts.update(disabled);
        return disabled;
    }

    private Account load(String login) {
        return accounts.findByLogin(login)
                .orElseThrow(() -> DomainException.notFound("account " + login + " not found"));
    }
}
