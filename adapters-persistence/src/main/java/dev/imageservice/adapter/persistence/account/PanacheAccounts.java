package dev.imageservice.adapter.persistence.account;

import dev.imageservice.application.port.out.Accounts;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.account.SshKey;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class PanacheAccounts implements Accounts {

    @Override
    public Optional<Account> findByLogin(String login) {
        return AccountEntity.<AccountEntity>find("login", login).firstResultOptional().map(PanacheAccounts::toDomain);
    }

    @Override
    public Optional<Account> findById(UUID id) {
        return AccountEntity.<AccountEntity>findByIdOptional(id).map(PanacheAccounts::toDomain);
    }

    @Override
    public List<Account> list() {
        return AccountEntity.<AccountEntity>listAll(Sort.by("login")).stream()
                .map(PanacheAccounts::toDomain).toList();
    }

    @Override
    public void add(Account account) {
        if (AccountEntity.count("login", account.login()) > 0) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "login " + account.login() + " is already taken");
        }
        AccountEntity row = new AccountEntity();
        copyInto(account, row);
        row.persist();
    }

    @Override
    public void update(Account account) {
        AccountEntity row = AccountEntity.findById(account.id());
        if (row == null) {
            throw DomainException.notFound("account " + account.id() + " not found");
        }
        copyInto(account, row);
    }

    @Override
    public List<SshKey> keysOf(UUID accountId) {
        return AccountKeyEntity.<AccountKeyEntity>list("accountId", accountId).stream()
                .map(PanacheAccounts::toDomain)
                .toList();
    }

    @Override
    public void addKey(UUID accountId, SshKey key) {
        if (keysOf(accountId).stream().anyMatch(key::clashesWith)) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "the account already has key " + key.name());
        }
        AccountKeyEntity row = new AccountKeyEntity();
        row.accountId = accountId;
        row.name = key.name();
        row.md5Fingerprint = key.md5Fingerprint();
        row.sha256Fingerprint = key.sha256Fingerprint();
        row.publicKey = key.publicKeyText();
        row.persist();
    }

    /** Which key a reference names is the domain's rule ({@link SshKey#isNamedBy}), not a query's. */
    @Override
    public boolean removeKey(UUID accountId, String nameOrFingerprint) {
        List<AccountKeyEntity> named = AccountKeyEntity.<AccountKeyEntity>list("accountId", accountId).stream()
                .filter(row -> toDomain(row).isNamedBy(nameOrFingerprint))
                .toList();
        named.forEach(row -> row.delete());
        return !named.isEmpty();
    }

    private static void copyInto(Account account, AccountEntity row) {
        row.id = account.id();
        row.login = account.login();
        row.email = account.email();
        row.operator = account.operator();
        row.disabled = account.disabled();
        row.created = account.created();
        row.updated = account.updated();
    }

    private static SshKey toDomain(AccountKeyEntity row) {
        return new SshKey(row.name, row.md5Fingerprint, row.sha256Fingerprint, row.publicKey);
    }

    private static Account toDomain(AccountEntity row) {
        return new Account(row.id, row.login, row.email, row.operator, row.disabled, row.created, row.updated);
    }
}
