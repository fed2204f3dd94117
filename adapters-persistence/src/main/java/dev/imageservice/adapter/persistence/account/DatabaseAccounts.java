package dev.imageservice.adapter.persistence.account;

import dev.imageservice.adapter.persistence.Database;
import dev.imageservice.adapter.persistence.UsesDatabase;
import dev.imageservice.application.port.out.Accounts;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.account.SshKey;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
@UsesDatabase
public class DatabaseAccounts implements Accounts {

    @Inject
    Database db;

    @Override
    public Optional<Account> findByLogin(String login) {
        return db.session().createSelectionQuery("from AccountEntity where login = :login", AccountEntity.class)
                .setParameter("login", login).uniqueResultOptional().map(DatabaseAccounts::toDomain);
    }

    @Override
    public Optional<Account> findById(UUID id) {
        return Optional.ofNullable(db.session().find(AccountEntity.class, id)).map(DatabaseAccounts::toDomain);
    }

    @Override
    public List<Account> list() {
        return db.session().createSelectionQuery("from AccountEntity order by login", AccountEntity.class)
                .getResultStream()
                .map(DatabaseAccounts::toDomain).toList();
    }

    @Override
    public void add(Account account) {
        if (db.session().createSelectionQuery("select count(*) from AccountEntity where login = :login", Long.class)
                .setParameter("login", account.login()).getSingleResult() > 0) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "login " + account.login() + " is already taken");
        }
        AccountEntity row = new AccountEntity();
        copyInto(account, row);
        db.session().persist(row);
    }

    @Override
    public void update(Account account) {
        AccountEntity row = db.session().find(AccountEntity.class, account.id());
        if (row == null) {
            throw DomainException.notFound("account " + account.id() + " not found");
        }
        copyInto(account, row);
    }

    @Override
    public List<SshKey> keysOf(UUID accountId) {
        return keyRows(accountId).stream()
                .map(DatabaseAccounts::toDomain)
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
        db.session().persist(row);
    }

    /** Which key a reference names is the domain's rule ({@link SshKey#isNamedBy}), not a query's. */
    @Override
    public boolean removeKey(UUID accountId, String nameOrFingerprint) {
        List<AccountKeyEntity> named = keyRows(accountId).stream()
                .filter(row -> toDomain(row).isNamedBy(nameOrFingerprint))
                .toList();
        named.forEach(db.session()::remove);
        return !named.isEmpty();
    }

    private List<AccountKeyEntity> keyRows(UUID accountId) {
        return db.session().createSelectionQuery("from AccountKeyEntity where accountId = :account", AccountKeyEntity.class)
                .setParameter("account", accountId).getResultList();
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
