package dev.imageservice.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccountResolverTest {

    private static final Instant NOW = Instant.parse("2025-10-07T12:00:00Z");

    private final InMemoryAccounts accounts = new InMemoryAccounts();
    private final AccountResolver resolver = new AccountResolver(accounts);
    private final Account alice = account("alice", false);
    private final Account bob = account("bob", false);
    private final Account admin = account("admin", true);

    @Test
    void myIsTheCaller() {
        assertThat(resolver.resolveAccount(alice, "my")).isEqualTo(alice);
        assertThat(resolver.resolveAccount(admin, "my")).isEqualTo(admin);
    }

    @Test
    void fromMemoryOnlyTheCallerItselfIsResolved() {
        assertThat(resolver.resolveAccountFromMemory(alice, "my")).contains(alice);
        assertThat(resolver.resolveAccountFromMemory(alice, "alice")).contains(alice);
        assertThat(resolver.resolveAccountFromMemory(alice, "bob")).isEmpty();
        assertThat(resolver.resolveAccountFromMemory(admin, "bob")).isEmpty();
    }

    @Test
    void ownLoginIsTheCaller() {
        assertThat(resolver.resolveAccount(alice, "alice")).isEqualTo(alice);
    }

    @Test
    void anotherAccountsLoginIsNotAuthorized() {
        assertThatThrownBy(() -> resolver.resolveAccount(alice, "bob"))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_AUTHORIZED))
                .hasMessageContaining("bob");
    }

    @Test
    void operatorMayActAsAnotherAccount() {
        assertThat(resolver.resolveAccount(admin, "bob")).isEqualTo(bob);
    }

    @Test
    void unknownLoginIsResourceNotFoundForAnyone() {
        for (Account caller : new Account[] {alice, admin}) {
            assertThatThrownBy(() -> resolver.resolveAccount(caller, "nobody"))
                    .isInstanceOfSatisfying(DomainException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND))
                    .hasMessage("nobody does not exist");
        }
    }

    @Test
    void loginsAreCaseSensitive() {
        assertThatThrownBy(() -> resolver.resolveAccount(alice, "Alice"))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND));
    }

    private Account account(String login, boolean operator) {
        Account account = new Account(UUID.randomUUID(), login, login + "@example.com", operator, false, NOW, NOW);
        accounts.add(account);
        return account;
    }
}
