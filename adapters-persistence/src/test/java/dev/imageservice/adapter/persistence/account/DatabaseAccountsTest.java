package dev.imageservice.adapter.persistence.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.adapter.persistence.Tx;
import dev.imageservice.application.port.out.Accounts;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.account.SshKey;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DatabaseAccountsTest {

    private static final Instant CREATED = Instant.parse("2020-02-03T04:05:06.789Z");

    @Inject
    Accounts accounts;

    @BeforeEach
    void empty() {
        Tx.deleteAll(AccountKeyEntity.class, AccountEntity.class);
    }

    private static Account account(String login, boolean operator) {
        return new Account(UUID.randomUUID(), login, login + "@example.com", operator, false, CREATED,
                CREATED.plusMillis(1));
    }

    private static SshKey key(String name, int n) {
        String md5 = String.format("%02x:00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee", n);
        return new SshKey(name, md5, "SHA256:key" + n, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA" + n + " " + name);
    }

    @Test
    void accountsRoundTrip() {
        Account alice = account("alice", false);
        Account admin = new Account(UUID.randomUUID(), "admin", null, true, true, CREATED, CREATED);
        Tx.run(() -> {
            accounts.add(alice);
            accounts.add(admin);
        });

        assertThat(Tx.call(() -> accounts.findByLogin("alice"))).contains(alice);
        assertThat(Tx.call(() -> accounts.findById(admin.id()))).contains(admin);
        assertThat(Tx.call(() -> accounts.findByLogin("Alice"))).isEmpty();
        assertThat(Tx.call(() -> accounts.findById(UUID.randomUUID()))).isEmpty();
        assertThat(Tx.call(accounts::list)).containsExactly(admin, alice);
    }

    @Test
    void anUpdateIsStored() {
        Account alice = account("alice", false);
        Tx.run(() -> accounts.add(alice));
        Account disabled = alice.disable(CREATED.plusSeconds(60));

        Tx.run(() -> accounts.update(disabled));

        assertThat(Tx.call(() -> accounts.findById(alice.id()))).contains(disabled);
        assertThatThrownBy(() -> Tx.run(() -> accounts.update(account("ghost", false))))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND));
    }

    @Test
    void aLoginIsTakenOnce() {
        Tx.run(() -> accounts.add(account("alice", false)));

        assertThatThrownBy(() -> Tx.run(() -> accounts.add(account("alice", true))))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThat(Tx.call(accounts::list)).hasSize(1);
    }

    @Test
    void keysRoundTripPerAccount() {
        Account alice = account("alice", false);
        Account bob = account("bob", false);
        Tx.run(() -> {
            accounts.add(alice);
            accounts.add(bob);
            accounts.addKey(alice.id(), key("laptop", 1));
            accounts.addKey(alice.id(), key("desktop", 2));
            // Another account may use the same name and key.
            accounts.addKey(bob.id(), key("laptop", 1));
        });

        assertThat(Tx.call(() -> accounts.keysOf(alice.id()))).containsExactlyInAnyOrder(key("laptop", 1), key("desktop", 2));
        assertThat(Tx.call(() -> accounts.keysOf(bob.id()))).containsExactly(key("laptop", 1));
        assertThat(Tx.call(() -> accounts.keysOf(UUID.randomUUID()))).isEmpty();
    }

    @Test
    void aKeyNameOrFingerprintIsAddedOncePerAccount() {
        Account alice = account("alice", false);
        Tx.run(() -> {
            accounts.add(alice);
            accounts.addKey(alice.id(), key("laptop", 1));
        });

        SshKey sameName = key("laptop", 2);
        SshKey sameFingerprint = new SshKey("other-name", key("laptop", 1).md5Fingerprint(), "SHA256:other", "ssh-ed25519 B");
        SshKey namedByItsFingerprint = key("SHA256:key1", 3);
        for (SshKey duplicate : new SshKey[] {sameName, sameFingerprint, namedByItsFingerprint}) {
            assertThatThrownBy(() -> Tx.run(() -> accounts.addKey(alice.id(), duplicate)))
                    .isInstanceOfSatisfying(DomainException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        }
        assertThat(Tx.call(() -> accounts.keysOf(alice.id()))).containsExactly(key("laptop", 1));
    }

    @Test
    void aKeyIsRemovedByNameOrEitherFingerprint() {
        Account alice = account("alice", false);
        Account bob = account("bob", false);
        SshKey byName = key("by-name", 1);
        SshKey byMd5 = key("by-md5", 2);
        SshKey bySha256 = key("by-sha256", 3);
        Tx.run(() -> {
            accounts.add(alice);
            accounts.add(bob);
            accounts.addKey(alice.id(), byName);
            accounts.addKey(alice.id(), byMd5);
            accounts.addKey(alice.id(), bySha256);
            accounts.addKey(bob.id(), byName);
        });

        assertThat(Tx.call(() -> accounts.removeKey(alice.id(), "by-name"))).isTrue();
        assertThat(Tx.call(() -> accounts.keysOf(alice.id()))).containsExactlyInAnyOrder(byMd5, bySha256);
        assertThat(Tx.call(() -> accounts.removeKey(alice.id(), byMd5.md5Fingerprint()))).isTrue();
        assertThat(Tx.call(() -> accounts.removeKey(alice.id(), bySha256.sha256Fingerprint()))).isTrue();
        assertThat(Tx.call(() -> accounts.keysOf(alice.id()))).isEmpty();

        assertThat(Tx.call(() -> accounts.removeKey(alice.id(), "by-name"))).isFalse();
        assertThat(Tx.call(() -> accounts.removeKey(alice.id(), "nothing"))).isFalse();
        assertThat(Tx.call(() -> accounts.keysOf(bob.id()))).containsExactly(byName);
    }

    /** Every reference SshKey.isNamedBy accepts removes the key: ssh-keygen prints the MD5 one as {@code MD5:..}. */
    @Test
    void aKeyIsRemovedByItsMd5FingerprintAsSshKeygenPrintsIt() {
        Account alice = account("alice", false);
        SshKey laptop = key("laptop", 1);
        SshKey desktop = key("desktop", 2);
        Tx.run(() -> {
            accounts.add(alice);
            accounts.addKey(alice.id(), laptop);
            accounts.addKey(alice.id(), desktop);
        });

        assertThat(Tx.call(() -> accounts.removeKey(alice.id(), "MD5:" + laptop.md5Fingerprint()))).isTrue();

        assertThat(Tx.call(() -> accounts.keysOf(alice.id()))).containsExactly(desktop);
        assertThat(Tx.call(() -> accounts.removeKey(alice.id(), "MD5:" + laptop.md5Fingerprint()))).isFalse();
    }
}
