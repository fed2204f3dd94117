package dev.imageservice.application.service;

import dev.imageservice.application.port.out.Accounts;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.account.SshKey;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** An in-memory {@link Accounts} with the port's documented refusals. */
final class InMemoryAccounts implements Accounts {

    private final Map<UUID, Account> accounts = new LinkedHashMap<>();
    private final Map<UUID, List<SshKey>> keys = new LinkedHashMap<>();

    @Override
    public Optional<Account> findByLogin(String login) {
        return accounts.values().stream().filter(a -> a.login().equals(login)).findFirst();
    }

    @Override
    public Optional<Account> findById(UUID id) {
        return Optional.ofNullable(accounts.get(id));
    }

    @Override
    public List<Account> list() {
        return accounts.values().stream().sorted(Comparator.comparing(Account::login)).toList();
    }

    @Override
    public void add(Account account) {
        if (findByLogin(account.login()).isPresent()) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "login " + account.login() + " is already taken");
        }
        accounts.put(account.id(), account);
    }

    @Override
    public void update(Account account) {
        if (!accounts.containsKey(account.id())) {
            throw DomainException.notFound("account " + account.id() + " not found");
        }
        accounts.put(account.id(), account);
    }

    @Override
    public List<SshKey> keysOf(UUID accountId) {
        return List.copyOf(keys.getOrDefault(accountId, List.of()));
    }

    @Override
    public void addKey(UUID accountId, SshKey key) {
        List<SshKey> held = keys.computeIfAbsent(accountId, id -> new ArrayList<>());
        if (held.stream().anyMatch(key::clashesWith)) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "the account already has key " + key.name());
        }
        held.add(key);
    }

    @Override
    public boolean removeKey(UUID accountId, String nameOrFingerprint) {
        return keys.getOrDefault(accountId, new ArrayList<>()).removeIf(k -> k.isNamedBy(nameOrFingerprint));
    }
}
