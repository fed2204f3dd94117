package dev.imageservice.application.service;

import static dev.imageservice.application.service.ClientSigner.date;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.application.port.in.SignedRequest;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.account.SshKey;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpSignatureAuthenticatorTest {

    private static final Instant NOW = Instant.parse("2025-10-07T12:00:00Z");
    private static final String TARGET = "/alice/images?state=all";

    private final InMemoryAccounts accounts = new InMemoryAccounts();
    private final HttpSignatureAuthenticator authenticator =
            new HttpSignatureAuthenticator(accounts, Clock.fixed(NOW, ZoneOffset.UTC));

    private Account alice;
    private SshKey aliceRsa;
    private SshKey aliceP256;
    private SshKey aliceP384;
    private SshKey aliceEd25519;

    @BeforeEach
    void accounts() {
        alice = account("alice", false, false);
        aliceRsa = addKey(alice, TestKeys.RSA_2048, "laptop");
        aliceP256 = addKey(alice, TestKeys.EC_P256, "p256");
        aliceP384 = addKey(alice, TestKeys.EC_P384, "p384");
        aliceEd25519 = addKey(alice, TestKeys.ED25519, "desk");
    }

    // ---- success -------------------------------------------------------------------------

    static Stream<Arguments> everyAlgorithm() {
        return Stream.of(
                Arguments.of("rsa-sha1", "laptop"),
                Arguments.of("rsa-sha256", "laptop"),
                Arguments.of("rsa-sha384", "laptop"),
                Arguments.of("rsa-sha512", "laptop"),
                Arguments.of("ecdsa-sha256", "p256"),
                Arguments.of("ecdsa-sha384", "p384"),
                Arguments.of("ecdsa-sha512", "p256"),
                Arguments.of("ed25519-sha512", "desk"));
    }

    @ParameterizedTest(name = "triton {0}")
    @MethodSource("everyAlgorithm")
    void tritonSignatureVerifiesForEveryAlgorithm(String algorithm, String keyName) {
        SshKey key = key(keyName);
        String auth = ClientSigner.triton(pair(keyName).getPrivate(), algorithm,
                "/alice/keys/" + key.md5Fingerprint(), "GET", TARGET, date(NOW));

        assertThat(authenticator.authenticate(request("GET", TARGET, auth, date(NOW)))).isEqualTo(alice);
    }

    @ParameterizedTest(name = "smartdc {0}")
    @ValueSource(strings = {"rsa-sha256", "rsa-sha1"})
    void smartdcSignatureOfDateAloneVerifies(String algorithm) {
        String auth = ClientSigner.smartdc(TestKeys.RSA_2048.getPrivate(), algorithm,
                "/alice/keys/" + aliceRsa.md5Fingerprint(), date(NOW));

        assertThat(authenticator.authenticate(request("POST", "/alice/images/x?action=export&manta_path=%2Falice%2Fstor",
                auth, date(NOW)))).isEqualTo(alice);
    }

    @Test
    void legacyFormSignsTheBareDateValue() {
        String auth = ClientSigner.legacy(TestKeys.RSA_2048.getPrivate(), "rsa-sha256",
                "/alice/keys/laptop", date(NOW));
        assertThat(auth).endsWith("=="); // a 256-byte signature is padded: the trailing token holds '='

        assertThat(authenticator.authenticate(request("GET", TARGET, auth, date(NOW)))).isEqualTo(alice);
    }

    @Test
    void legacyFormWithoutDateIsInvalidHeader() {
        String auth = ClientSigner.legacy(TestKeys.RSA_2048.getPrivate(), "rsa-sha256", "/alice/keys/laptop", date(NOW));

        assertRefused(request("GET", TARGET, auth, null), ErrorCode.INVALID_HEADER);
    }

    @Test
    void signatureParameterWithoutHeadersSignsTheDateLine() {
        String signature = ClientSigner.sign(TestKeys.ED25519.getPrivate(), "ed25519-sha512", "date: " + date(NOW));
        String auth = "Signature keyId=\"/alice/keys/desk\",algorithm=\"ed25519-sha512\",signature=\"" + signature + "\"";

        assertThat(authenticator.authenticate(request("GET", TARGET, auth, date(NOW)))).isEqualTo(alice);
    }

    static Stream<Arguments> keyIds() {
        return Stream.of(
                Arguments.of("name", (java.util.function.Function<SshKey, String>) SshKey::name),
                Arguments.of("MD5 fingerprint", (java.util.function.Function<SshKey, String>) SshKey::md5Fingerprint),
                Arguments.of("MD5: fingerprint", (java.util.function.Function<SshKey, String>) k -> "MD5:" + k.md5Fingerprint()),
                Arguments.of("SHA256 fingerprint", (java.util.function.Function<SshKey, String>) SshKey::sha256Fingerprint));
    }

    @ParameterizedTest(name = "key named by {0}")
    @MethodSource("keyIds")
    void keyIdNamesTheKeyByNameOrFingerprint(String how, java.util.function.Function<SshKey, String> keyName) {
        String keyId = "/alice/keys/" + keyName.apply(aliceEd25519);
        String auth = ClientSigner.triton(TestKeys.ED25519.getPrivate(), "ed25519-sha512", keyId, "GET", TARGET, date(NOW));

        assertThat(authenticator.authenticate(request("GET", TARGET, auth, date(NOW)))).isEqualTo(alice);
    }

    @Test
    void sha256FingerprintContainingSlashStillNamesTheKey() {
        KeyPair pair;
        SshKey key;
        do { // about half of all keys have a '/' in their base64 fingerprint
            pair = TestKeys.generate("Ed25519", 0);
            key = SshPublicKeys.parse(TestKeys.openSshLine(pair.getPublic(), "slashy"));
        } while (!key.sha256Fingerprint().contains("/"));
        accounts.addKey(alice.id(), key);
        String auth = ClientSigner.triton(pair.getPrivate(), "ed25519-sha512",
                "/alice/keys/" + key.sha256Fingerprint(), "GET", TARGET, date(NOW));

        assertThat(authenticator.authenticate(request("GET", TARGET, auth, date(NOW)))).isEqualTo(alice);
    }

    @Test
    void subUserKeyIdActsAsTheAccount() {
        String auth = ClientSigner.triton(TestKeys.RSA_2048.getPrivate(), "rsa-sha256",
                "/alice/users/bob/keys/" + aliceRsa.md5Fingerprint(), "GET", TARGET, date(NOW));

        assertThat(authenticator.authenticate(request("GET", TARGET, auth, date(NOW)))).isEqualTo(alice);
    }

    @Test
    void requestTargetIsVerifiedExactlyAsSent() {
        String raw = "/alice/images?name=~base&tag.owner=me%40example.com&state=active";
        String auth = ClientSigner.triton(TestKeys.EC_P256.getPrivate(), "ecdsa-sha256", "/alice/keys/p256",
                "GET", raw, date(NOW));

        assertThat(authenticator.authenticate(request("GET", raw, auth, date(NOW)))).isEqualTo(alice);
        // The same request as a normalising server might rebuild it: not what was signed.
        assertRefused(request("GET", raw.replace("~", "%7E"), auth, date(NOW)), ErrorCode.INVALID_CREDENTIALS);
        assertRefused(request("GET", raw.replace("%40", "@"), auth, date(NOW)), ErrorCode.INVALID_CREDENTIALS);
    }

    @Test
    void signedXDateMayStandInForDate() {
        String signature = ClientSigner.sign(TestKeys.RSA_2048.getPrivate(), "rsa-sha256", "x-date: " + date(NOW));
        String auth = "Signature keyId=\"/alice/keys/laptop\",algorithm=\"rsa-sha256\",headers=\"x-date\",signature=\""
                + signature + "\"";
        Map<String, String> headers = Map.of("Authorization", auth, "X-Date", date(NOW));

        assertThat(authenticator.authenticate(new SignedRequest("GET", TARGET, headers))).isEqualTo(alice);
    }

    @ParameterizedTest(name = "skew {0} s")
    @ValueSource(ints = {-300, 300})
    void skewOfExactly300SecondsIsAccepted(int seconds) {
        String date = date(NOW.plusSeconds(seconds));
        String auth = ClientSigner.smartdc(TestKeys.RSA_2048.getPrivate(), "rsa-sha256", "/alice/keys/laptop", date);

        assertThat(authenticator.authenticate(request("GET", TARGET, auth, date))).isEqualTo(alice);
    }

    // ---- refusals, in the order of the table of §7 ----------------------------------------

    @Nested
    class MustAuthenticate {

        @Test
        void noAuthorizationHeader() {
            assertRefused(request("GET", TARGET, null, date(NOW)), ErrorCode.INVALID_CREDENTIALS)
                    .hasMessage("You must make authenticated requests to use CloudAPI");
        }

        @ParameterizedTest
        @ValueSource(strings = {"Basic YWxpY2U6c2VjcmV0", "Bearer abc", "", "   "})
        void otherSchemes(String authorization) {
            assertRefused(request("GET", TARGET, authorization, date(NOW)), ErrorCode.INVALID_CREDENTIALS)
                    .hasMessage("You must make authenticated requests to use CloudAPI");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Signature",
            "Signature   ",
            "Signature keyId",
            "Signature keyId=/alice/keys/laptop,algorithm=\"rsa-sha256\",signature=\"AAAA\"",
            "Signature keyId=\"/alice/keys/laptop,algorithm=\"rsa-sha256\"",
            "Signature keyId=\"/alice/keys/laptop\" algorithm=\"rsa-sha256\",signature=\"AAAA\"",
            "Signature keyId=\"/alice/keys/laptop\"algorithm=\"rsa-sha256\",signature=\"AAAA\"",
            "Signature keyId=\"/alice/keys/laptop\",algorithm=\"rsa-sha256\",",
            "Signature algorithm=\"rsa-sha256\",headers=\"date\",signature=\"AAAA\"",
            "Signature keyId=\"/alice/keys/laptop\",headers=\"date\",signature=\"AAAA\"",
            "Signature keyId=\"/alice/keys/laptop\",algorithm=\"rsa-sha256\",headers=\"date\"",
            "Signature keyId=\"/alice/keys/laptop\",algorithm=\"rsa-sha256\",signature=\"\"",
            "Signature keyId=\"/alice/keys/laptop\",algorithm=\"rsa-sha256\",signature=\"not base64!\"",
            "Signature keyId=\"/alice/keys/laptop\",algorithm=\"rsa-sha256\"AAAA",
            "Signature keyId=\"/alice/keys/laptop\",algorithm=\"rsa-sha256\" AAAA BBBB",
            "Signature keyId=\"/alice/keys/laptop\",algorithm=\"rsa-sha256\",signature=\"AAAA\" BBBB",
            "Signature keyId=\"a\",keyId=\"b\",algorithm=\"rsa-sha256\",signature=\"AAAA\"",
    })
    void malformedHeaderIsInvalidHeader(String authorization) {
        assertRefused(request("GET", TARGET, authorization, date(NOW)), ErrorCode.INVALID_HEADER);
    }

    @Test
    void missingDateIsInvalidHeader() {
        String auth = ClientSigner.triton(TestKeys.RSA_2048.getPrivate(), "rsa-sha256", "/alice/keys/laptop",
                "GET", TARGET, date(NOW));

        assertRefused(request("GET", TARGET, auth, null), ErrorCode.INVALID_HEADER);
    }

    @Test
    void unsignedDateIsInvalidHeader() {
        String signature = ClientSigner.sign(TestKeys.RSA_2048.getPrivate(), "rsa-sha256",
                "(request-target): get " + TARGET);
        String auth = "Signature keyId=\"/alice/keys/laptop\",algorithm=\"rsa-sha256\",headers=\"(request-target)\","
                + "signature=\"" + signature + "\"";

        assertRefused(request("GET", TARGET, auth, date(NOW)), ErrorCode.INVALID_HEADER);
    }

    @Test
    void signedHeaderThatIsAbsentIsInvalidHeader() {
        String signature = ClientSigner.sign(TestKeys.RSA_2048.getPrivate(), "rsa-sha256",
                "date: " + date(NOW) + "\ncontent-md5: abc");
        String auth = "Signature keyId=\"/alice/keys/laptop\",algorithm=\"rsa-sha256\",headers=\"date content-md5\","
                + "signature=\"" + signature + "\"";

        assertRefused(request("GET", TARGET, auth, date(NOW)), ErrorCode.INVALID_HEADER);
    }

    @Test
    void dateThatIsNotRfc1123IsInvalidHeader() {
        String date = "2025-10-07T12:00:00Z";
        String auth = ClientSigner.smartdc(TestKeys.RSA_2048.getPrivate(), "rsa-sha256", "/alice/keys/laptop", date);

        assertRefused(request("GET", TARGET, auth, date), ErrorCode.INVALID_HEADER);
    }

    @ParameterizedTest(name = "skew {0} s")
    @ValueSource(ints = {-301, 301, -86400})
    void skewBeyond300SecondsIsInvalidHeader(int seconds) {
        String date = date(NOW.plusSeconds(seconds));
        String auth = ClientSigner.smartdc(TestKeys.RSA_2048.getPrivate(), "rsa-sha256", "/alice/keys/laptop", date);

        assertRefused(request("GET", TARGET, auth, date), ErrorCode.INVALID_HEADER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hmac-sha256", "hmac-sha1", "dsa-sha1", "rsa-md5", "ed25519", "rsa_sha256", ""})
    void unsupportedAlgorithmIsInvalidHeader(String algorithm) {
        String signature = ClientSigner.sign(TestKeys.RSA_2048.getPrivate(), "rsa-sha256", "date: " + date(NOW));
        String auth = "Signature keyId=\"/alice/keys/laptop\",algorithm=\"" + algorithm + "\",headers=\"date\","
                + "signature=\"" + signature + "\"";

        assertRefused(request("GET", TARGET, auth, date(NOW)), ErrorCode.INVALID_HEADER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice/keys/laptop", "/alice/laptop", "/alice/keys/", "/alice/keys", "//keys/laptop",
            "/alice/users/bob/laptop", "/alice/users//keys/laptop", "/alice/key/laptop", "laptop", ""})
    void malformedKeyIdIsInvalidCredentials(String keyId) {
        String auth = ClientSigner.smartdc(TestKeys.RSA_2048.getPrivate(), "rsa-sha256", keyId, date(NOW));

        assertRefused(request("GET", TARGET, auth, date(NOW)), ErrorCode.INVALID_CREDENTIALS)
                .hasMessage("Invalid KeyId " + keyId + " in authorization header");
    }

    @Test
    void unknownLoginIsInvalidCredentials() {
        assertRejectedAsBadCredentials("/mallory/keys/laptop", TestKeys.RSA_2048, "rsa-sha256", "GET", TARGET);
    }

    @Test
    void unknownKeyIsInvalidCredentials() {
        assertRejectedAsBadCredentials("/alice/keys/nosuchkey", TestKeys.RSA_2048, "rsa-sha256", "GET", TARGET);
        assertRejectedAsBadCredentials("/alice/keys/" + aliceRsa.md5Fingerprint().replace(':', '-'),
                TestKeys.RSA_2048, "rsa-sha256", "GET", TARGET);
    }

    @Test
    void anotherAccountsKeyIsInvalidCredentials() {
        Account bob = account("bob", false, false);
        KeyPair bobsPair = TestKeys.generate("Ed25519", 0);
        addKey(bob, bobsPair, "bobkey");

        // alice's login with bob's key name, signed by bob
        assertRejectedAsBadCredentials("/alice/keys/bobkey", bobsPair, "ed25519-sha512", "GET", TARGET);
    }

    @Test
    void signatureByAnotherKeyIsInvalidCredentials() {
        KeyPair other = TestKeys.generate("Ed25519", 0);

        assertRejectedAsBadCredentials("/alice/keys/desk", other, "ed25519-sha512", "GET", TARGET);
    }

    @Test
    void algorithmOfAnotherKeyTypeIsInvalidCredentials() {
        // an RSA key cannot verify an ecdsa claim, nor an Ed25519 key an rsa one, whatever was signed
        String ecdsaSigned = ClientSigner.smartdc(TestKeys.EC_P256.getPrivate(), "ecdsa-sha256", "/alice/keys/laptop", date(NOW));
        assertRefused(request("GET", TARGET, ecdsaSigned, date(NOW)), ErrorCode.INVALID_CREDENTIALS);

        String rsaSigned = ClientSigner.smartdc(TestKeys.RSA_2048.getPrivate(), "rsa-sha256", "/alice/keys/desk", date(NOW));
        assertRefused(request("GET", TARGET, rsaSigned, date(NOW)), ErrorCode.INVALID_CREDENTIALS);

        String edSigned = ClientSigner.smartdc(TestKeys.ED25519.getPrivate(), "ed25519-sha512", "/alice/keys/p256", date(NOW));
        assertRefused(request("GET", TARGET, edSigned, date(NOW)), ErrorCode.INVALID_CREDENTIALS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyAlgorithm")
    void alteredSignatureIsInvalidCredentials(String algorithm, String keyName) {
        String good = ClientSigner.triton(pair(keyName).getPrivate(), algorithm, "/alice/keys/" + keyName,
                "GET", TARGET, date(NOW));
        String b64 = good.substring(good.indexOf("signature=\"") + 11, good.length() - 1);
        byte[] bytes = Base64.getDecoder().decode(b64);
        bytes[bytes.length / 2] ^= 0x01;
        String bad = good.replace(b64, Base64.getEncoder().encodeToString(bytes));

        assertRefused(request("GET", TARGET, bad, date(NOW)), ErrorCode.INVALID_CREDENTIALS)
                .hasMessage("Invalid key or signature for keyId /alice/keys/" + keyName);
    }

    @Test
    void truncatedOrGarbageSignatureIsInvalidCredentials() {
        for (String algorithm : new String[] {"rsa-sha256", "ecdsa-sha256", "ed25519-sha512"}) {
            String keyName = algorithm.startsWith("rsa") ? "laptop" : algorithm.startsWith("ecdsa") ? "p256" : "desk";
            String auth = "Signature keyId=\"/alice/keys/" + keyName + "\",algorithm=\"" + algorithm
                    + "\",headers=\"date\",signature=\"AAAA\"";
            assertRefused(request("GET", TARGET, auth, date(NOW)), ErrorCode.INVALID_CREDENTIALS);
        }
    }

    @Test
    void tamperedPathOrMethodIsInvalidCredentials() {
        String auth = ClientSigner.triton(TestKeys.ED25519.getPrivate(), "ed25519-sha512", "/alice/keys/desk",
                "GET", "/alice/images", date(NOW));

        assertRefused(request("GET", "/alice/images/0c4d0e18-6b4b-4b54-9a1f-2f0d6b2d1e55", auth, date(NOW)),
                ErrorCode.INVALID_CREDENTIALS);
        assertRefused(request("DELETE", "/alice/images", auth, date(NOW)), ErrorCode.INVALID_CREDENTIALS);
        assertRefused(request("GET", "/alice/images?state=all", auth, date(NOW)), ErrorCode.INVALID_CREDENTIALS);
    }

    @Test
    void tamperedDateIsInvalidCredentials() {
        String auth = ClientSigner.smartdc(TestKeys.RSA_2048.getPrivate(), "rsa-sha256", "/alice/keys/laptop", date(NOW));

        assertRefused(request("GET", TARGET, auth, date(NOW.plusSeconds(1))), ErrorCode.INVALID_CREDENTIALS);
    }

    @Test
    void disabledAccountIsNotAuthorizedOnceItsSignatureVerified() {
        accounts.update(alice.disable(NOW));
        String good = ClientSigner.smartdc(TestKeys.RSA_2048.getPrivate(), "rsa-sha256", "/alice/keys/laptop", date(NOW));
        String forged = ClientSigner.smartdc(TestKeys.generate("RSA", 2048).getPrivate(), "rsa-sha256",
                "/alice/keys/laptop", date(NOW));

        assertRefused(request("GET", TARGET, good, date(NOW)), ErrorCode.NOT_AUTHORIZED)
                .hasMessage("Account or user is disabled");
        // Without a valid signature nobody learns that the account is disabled.
        assertRefused(request("GET", TARGET, forged, date(NOW)), ErrorCode.INVALID_CREDENTIALS);
    }

    // ---- helpers --------------------------------------------------------------------------

    private void assertRejectedAsBadCredentials(String keyId, KeyPair signer, String algorithm, String method,
                                                String target) {
        String auth = ClientSigner.triton(signer.getPrivate(), algorithm, keyId, method, target, date(NOW));
        assertRefused(request(method, target, auth, date(NOW)), ErrorCode.INVALID_CREDENTIALS)
                .hasMessage("Invalid key or signature for keyId " + keyId);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(SignedRequest request, ErrorCode code) {
        return assertThatThrownBy(() -> authenticator.authenticate(request))
                .isInstanceOf(DomainException.class)
                .satisfies(e -> assertThat(((DomainException) e).code()).isEqualTo(code));
    }

    private static SignedRequest request(String method, String target, String authorization, String date) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Accept-Version", "~9||~8");
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        if (date != null) {
            headers.put("Date", date);
        }
        return new SignedRequest(method, target, headers);
    }

    private Account account(String login, boolean operator, boolean disabled) {
        Account account = new Account(UUID.randomUUID(), login, login + "@example.com", operator, disabled, NOW, NOW);
        accounts.add(account);
        return account;
    }

    private SshKey addKey(Account account, KeyPair pair, String name) {
        SshKey key = SshPublicKeys.parse(TestKeys.openSshLine(pair.getPublic(), name + "@test"), name);
        accounts.addKey(account.id(), key);
        return key;
    }

    private SshKey key(String name) {
        return Stream.of(aliceRsa, aliceP256, aliceP384, aliceEd25519).filter(k -> k.name().equals(name)).findFirst()
                .orElseThrow();
    }

    private static KeyPair pair(String keyName) {
        return switch (keyName) {
            case "laptop" -> TestKeys.RSA_2048;
            case "p256" -> TestKeys.EC_P256;
            case "p384" -> TestKeys.EC_P384;
            case "desk" -> TestKeys.ED25519;
            default -> throw new IllegalArgumentException(keyName);
        };
    }
}
