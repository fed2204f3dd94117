package dev.imageservice.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.application.port.in.SignedRequest;
import dev.imageservice.application.port.out.AuthenticationFailures.Reason;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.account.SshKey;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The authentication rules, with a made-up signature scheme ({@link SimpleSignatures}) so that
 * each rule shows on its own; the real HTTP Signature mechanics are tested in bootstrap.
 */
class AuthenticateRequestServiceTest {

    private static final Instant NOW = Instant.parse("2025-10-07T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final InMemoryAccounts accounts = new InMemoryAccounts();
    private final List<Reason> refusals = new ArrayList<>();
    private final AuthenticateRequestService service = new AuthenticateRequestService(
            new CredentialCache(accounts, CLOCK), new SimpleSignatures(), CLOCK, refusals::add);

    private Account alice;
    private SshKey laptop;

    @BeforeEach
    void alice() {
        alice = account("alice");
        laptop = addKey(alice, "alice laptop key", "laptop");
    }

    @Test
    void aKeySignsForItsAccount() {
        assertThat(service.authenticate(signed("/alice/keys/laptop", laptop, NOW))).isEqualTo(alice);
    }

    static Stream<Arguments> keyReferences() {
        return Stream.of(
                Arguments.of("name", (Function<SshKey, String>) SshKey::name),
                Arguments.of("MD5 fingerprint", (Function<SshKey, String>) SshKey::md5Fingerprint),
                Arguments.of("MD5: fingerprint", (Function<SshKey, String>) k -> "MD5:" + k.md5Fingerprint()),
                Arguments.of("SHA256 fingerprint", (Function<SshKey, String>) SshKey::sha256Fingerprint));
    }

    @ParameterizedTest(name = "key named by {0}")
    @MethodSource("keyReferences")
    void theKeyIdNamesTheKeyByNameOrFingerprint(String how, Function<SshKey, String> reference) {
        assertThat(service.authenticate(signed("/alice/keys/" + reference.apply(laptop), laptop, NOW))).isEqualTo(alice);
    }

    @Test
    void aSha256FingerprintContainingSlashStillNamesTheKey() {
        // about half of all fingerprints have a '/' in their base64
        SshKey slashy = IntStream.range(0, 100).mapToObj(n -> SimplePublicKeys.key("key " + n, "slashy" + n))
                .filter(key -> key.sha256Fingerprint().contains("/"))
                .findFirst().orElseThrow();
        accounts.addKey(alice.id(), slashy);

        assertThat(service.authenticate(signed("/alice/keys/" + slashy.sha256Fingerprint(), slashy, NOW)))
                .isEqualTo(alice);
    }

    @Test
    void aSubUsersKeyIdActsAsTheAccount() {
        assertThat(service.authenticate(signed("/alice/users/bob/keys/laptop", laptop, NOW))).isEqualTo(alice);
    }

    @Test
    void noSignatureMeansTheCallerMustAuthenticate() {
        assertRefused(request("Basic YWxpY2U6c2VjcmV0", NOW), ErrorCode.INVALID_CREDENTIALS)
                .hasMessage("You must make authenticated requests to use CloudAPI");
        assertRefused(request(null, NOW), ErrorCode.INVALID_CREDENTIALS)
                .hasMessage("You must make authenticated requests to use CloudAPI");
        assertThat(refusals).containsExactly(Reason.NO_SIGNATURE, Reason.NO_SIGNATURE);
    }

    @ParameterizedTest(name = "skew {0} s")
    @ValueSource(ints = {-300, 300})
    void aSkewOfExactly300SecondsIsAccepted(int seconds) {
        assertThat(service.authenticate(signed("/alice/keys/laptop", laptop, NOW.plusSeconds(seconds)))).isEqualTo(alice);
    }

    @ParameterizedTest(name = "skew {0} s")
    @ValueSource(ints = {-301, 301, -86400})
    void aSkewBeyond300SecondsIsInvalidHeader(int seconds) {
        assertRefused(signed("/alice/keys/laptop", laptop, NOW.plusSeconds(seconds)), ErrorCode.INVALID_HEADER)
                .hasMessage("clock skew of date header exceeds 300 seconds");
        // judged before any account is looked up
        assertRefused(signed("/mallory/keys/laptop", laptop, NOW.plusSeconds(seconds)), ErrorCode.INVALID_HEADER);
        assertThat(refusals).containsExactly(Reason.CLOCK_SKEW, Reason.CLOCK_SKEW);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice/keys/laptop", "/alice/laptop", "/alice/keys/", "/alice/keys", "//keys/laptop",
            "/alice/users/bob/laptop", "/alice/users//keys/laptop", "/alice/key/laptop", "laptop", ""})
    void aMalformedKeyIdIsInvalidCredentials(String keyId) {
        assertRefused(signed(keyId, laptop, NOW), ErrorCode.INVALID_CREDENTIALS)
                .hasMessage("Invalid KeyId " + keyId + " in authorization header");
        assertThat(refusals).containsExactly(Reason.MALFORMED_KEY_ID);
    }

    @Test
    void unknownLoginUnknownKeyAnotherAccountsKeyAndABadSignatureGetOneAnswer() {
        Account bob = account("bob");
        SshKey bobsKey = addKey(bob, "bob key", "bobkey");
        SshKey stranger = SimplePublicKeys.key("stranger key", "laptop");

        assertRejected("/mallory/keys/laptop", laptop);
        assertRejected("/alice/keys/nosuchkey", laptop);
        assertRejected("/alice/keys/" + laptop.md5Fingerprint().replace(':', '-'), laptop);
        assertRejected("/alice/keys/bobkey", bobsKey);
        assertRejected("/alice/keys/laptop", stranger);
        assertRejected("/alice/keys/laptop", bobsKey);
        // The caller hears one answer; the operator's count tells them apart.
        assertThat(refusals).containsExactly(Reason.UNKNOWN_ACCOUNT, Reason.UNKNOWN_KEY, Reason.UNKNOWN_KEY,
                Reason.UNKNOWN_KEY, Reason.BAD_SIGNATURE, Reason.BAD_SIGNATURE);
    }

    @Test
    void aDisabledAccountIsNotAuthorizedOnlyOnceItsSignatureVerified() {
        accounts.update(alice.disable(NOW));

        assertRefused(signed("/alice/keys/laptop", laptop, NOW), ErrorCode.NOT_AUTHORIZED)
                .hasMessage("Account or user is disabled");
        // Without a valid signature nobody learns that the account is disabled.
        assertRejected("/alice/keys/laptop", SimplePublicKeys.key("forger key", "laptop"));
        assertThat(refusals).containsExactly(Reason.ACCOUNT_DISABLED, Reason.BAD_SIGNATURE);
    }

    @Test
    void fromMemoryAnswersOnlyOnceTheSignersKeysWereRead() {
        SignedRequest request = signed("/alice/keys/laptop", laptop, NOW);
        assertThat(service.authenticateFromMemory(request)).isEmpty();
        assertThat(refusals).isEmpty();

        service.authenticate(request);
        assertThat(service.authenticateFromMemory(request)).contains(alice);
        SignedRequest forged = signed("/alice/keys/laptop", SimplePublicKeys.key("forger key", "laptop"), NOW);
        assertThatThrownBy(() -> service.authenticateFromMemory(forged))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS));
        assertThat(refusals).containsExactly(Reason.BAD_SIGNATURE);
    }

    /** What needs no account is judged at once, as authenticate judges it. */
    @Test
    void fromMemoryRefusesWhatNeedsNoAccount() {
        assertThatThrownBy(() -> service.authenticateFromMemory(signed("/mallory/keys/laptop", laptop, NOW.plusSeconds(301))))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_HEADER));
        assertThat(service.authenticateFromMemory(signed("/mallory/keys/laptop", laptop, NOW))).isEmpty();
        assertThat(refusals).containsExactly(Reason.CLOCK_SKEW);
    }

    private void assertRejected(String keyId, SshKey signer) {
        assertRefused(signed(keyId, signer, NOW), ErrorCode.INVALID_CREDENTIALS)
                .hasMessage("Invalid key or signature for keyId " + keyId);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(SignedRequest request, ErrorCode code) {
        return assertThatThrownBy(() -> service.authenticate(request))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    private static SignedRequest signed(String keyId, SshKey signer, Instant date) {
        return request(SimpleSignatures.authorization(keyId, signer), date);
    }

    private static SignedRequest request(String authorization, Instant date) {
        Map<String, String> headers = new HashMap<>();
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        headers.put("Date", date.toString());
        return new SignedRequest("GET", "/alice/images", headers);
    }

    private Account account(String login) {
        Account account = new Account(UUID.randomUUID(), login, login + "@example.com", false, false, NOW, NOW);
        accounts.add(account);
        return account;
    }

    private SshKey addKey(Account account, String seed, String name) {
        SshKey key = SimplePublicKeys.key(seed, name);
        accounts.addKey(account.id(), key);
        return key;
    }
}
