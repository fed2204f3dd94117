package dev.imageservice.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.application.port.in.AccountWithKeys;
import dev.imageservice.application.port.in.AddAccountCommand;
import dev.imageservice.application.port.in.AddAccountKeyCommand;
import dev.imageservice.application.port.in.DisableAccountCommand;
import dev.imageservice.application.port.in.RemoveAccountKeyCommand;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.account.SshKey;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AdministerAccountsServiceTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final String RSA_LINE = SimplePublicKeys.line("laptop key", "alice@laptop");
    private static final String ED25519_LINE = SimplePublicKeys.line("phone key", "alice@phone");

    private final InMemoryAccounts accounts = new InMemoryAccounts();
    private final AdministerAccountsService service =
            new AdministerAccountsService(accounts, new SimplePublicKeys(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void addsAnAccountWithItsKey() {
        AccountWithKeys added = service.addAccount(new AddAccountCommand("alice", RSA_LINE, null, true, null));

        Account stored = accounts.findByLogin("alice").orElseThrow();
        assertThat(stored).isEqualTo(added.account());
        assertThat(stored.operator()).isTrue();
        assertThat(stored.disabled()).isFalse();
        assertThat(stored.created()).isEqualTo(NOW);
        SshKey key = accounts.keysOf(stored.id()).get(0);
        assertThat(key).isEqualTo(added.keys().get(0));
        assertThat(key.name()).isEqualTo("alice@laptop");
        assertThat(key.md5Fingerprint()).isEqualTo(SshKey.md5Fingerprint("laptop key".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aGivenKeyNameWinsOverTheComment() {
        AccountWithKeys added = service.addAccount(new AddAccountCommand("alice", RSA_LINE, "work", false, null));

        assertThat(added.keys()).extracting(SshKey::name).containsExactly("work");
    }

    @Test
    void aBadKeyLeavesNoAccount() {
        assertThatThrownBy(() -> service.addAccount(new AddAccountCommand("alice", SimplePublicKeys.TYPE + " not-base64!", null, false, null)))
                .isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(accounts.findByLogin("alice")).isEmpty();
    }

    @Test
    void aTakenLoginOrABadLoginIsRefused() {
        service.addAccount(new AddAccountCommand("alice", RSA_LINE, null, false, null));

        assertCode(() -> service.addAccount(new AddAccountCommand("alice", ED25519_LINE, null, false, null)),
                ErrorCode.INVALID_ARGUMENT);
        assertCode(() -> service.addAccount(new AddAccountCommand("9lives", RSA_LINE, null, false, null)),
                ErrorCode.INVALID_ARGUMENT);
        assertCode(() -> new AddAccountCommand(" ", RSA_LINE, null, false, null), ErrorCode.MISSING_PARAMETER);
    }

    @Test
    void keysAreAddedAndRemovedByNameOrFingerprint() {
        service.addAccount(new AddAccountCommand("alice", RSA_LINE, null, false, null));
        SshKey second = service.addKey(new AddAccountKeyCommand("alice", ED25519_LINE, null));

        assertThat(service.listAccounts().get(0).keys()).extracting(SshKey::name)
                .containsExactly("alice@laptop", "alice@phone");
        assertCode(() -> service.addKey(new AddAccountKeyCommand("alice", ED25519_LINE, "again")),
                ErrorCode.INVALID_ARGUMENT);

        service.removeKey(new RemoveAccountKeyCommand("alice", second.md5Fingerprint()));
        service.removeKey(new RemoveAccountKeyCommand("alice", "alice@laptop"));

        assertThat(service.listAccounts().get(0).keys()).isEmpty();
        assertCode(() -> service.removeKey(new RemoveAccountKeyCommand("alice", "alice@laptop")),
                ErrorCode.RESOURCE_NOT_FOUND);
    }

    @Test
    void aSecondKeyWithATakenCommentIsNamedByItsFingerprintUnlessNamed() {
        service.addAccount(new AddAccountCommand("alice", RSA_LINE, null, false, null));
        String sameHost = SimplePublicKeys.line("second laptop key", "alice@laptop");
        String thirdOnSameHost = SimplePublicKeys.line("third laptop key", "alice@laptop");

        SshKey second = service.addKey(new AddAccountKeyCommand("alice", sameHost, null));
        SshKey third = service.addKey(new AddAccountKeyCommand("alice", thirdOnSameHost, "ec"));

        assertThat(second.name()).isEqualTo(second.md5Fingerprint());
        assertThat(third.name()).isEqualTo("ec");
        assertThat(service.listAccounts().get(0).keys()).extracting(SshKey::name)
                .containsExactly("alice@laptop", second.md5Fingerprint(), "ec");
        assertCode(() -> service.addKey(new AddAccountKeyCommand("alice", sameHost, null)), ErrorCode.INVALID_ARGUMENT);
        assertCode(() -> service.addKey(new AddAccountKeyCommand("alice", SimplePublicKeys.line(
                "fourth key", "x"), "ec")), ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void unknownLoginsAreNotFound() {
        assertCode(() -> service.addKey(new AddAccountKeyCommand("nobody", RSA_LINE, null)), ErrorCode.RESOURCE_NOT_FOUND);
        assertCode(() -> service.removeKey(new RemoveAccountKeyCommand("nobody", "k")), ErrorCode.RESOURCE_NOT_FOUND);
        assertCode(() -> service.disableAccount(new DisableAccountCommand("nobody")), ErrorCode.RESOURCE_NOT_FOUND);
    }

    @Test
    void disablingIsStoredAndRepeatable() {
        service.addAccount(new AddAccountCommand("alice", RSA_LINE, null, false, null));

        Account disabled = service.disableAccount(new DisableAccountCommand("alice"));

        assertThat(disabled.disabled()).isTrue();
        assertThat(accounts.findByLogin("alice").orElseThrow().disabled()).isTrue();
        assertThat(service.disableAccount(new DisableAccountCommand("alice"))).isEqualTo(disabled);
    }

    @Test
    void listsAccountsByLogin() {
        service.addAccount(new AddAccountCommand("zed", RSA_LINE, null, false, null));
        service.addAccount(new AddAccountCommand("amy", ED25519_LINE, null, false, null));

        assertThat(service.listAccounts()).extracting(a -> a.account().login()).containsExactly("amy", "zed");
    }

    private static void assertCode(Runnable call, ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo(code);
    }
}
