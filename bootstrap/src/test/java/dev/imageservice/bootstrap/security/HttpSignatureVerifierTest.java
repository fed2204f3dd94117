package dev.imageservice.bootstrap.security;

import static dev.imageservice.bootstrap.security.ClientSigner.date;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.application.port.in.SignedRequest;
import dev.imageservice.application.port.out.RequestSignature;
import dev.imageservice.domain.account.SshKey;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP Signature mechanics against signatures made as the real clients make them. Which key is
 * looked up, the clock-skew limit and the answers to refusals are the application's rules and are
 * tested there (AuthenticateRequestServiceTest); end to end in AuthenticationTest.
 */
class HttpSignatureVerifierTest {

    private static final Instant NOW = Instant.parse("2025-10-07T12:00:00Z");
    private static final String TARGET = "/alice/images?state=all";
    private static final SshPublicKeys KEYS = new SshPublicKeys();
    private static final SshKey RSA = key(TestKeys.RSA_2048, "laptop");
    private static final SshKey P256 = key(TestKeys.EC_P256, "p256");
    private static final SshKey P384 = key(TestKeys.EC_P384, "p384");
    private static final SshKey ED25519 = key(TestKeys.ED25519, "desk");

    private final HttpSignatureVerifier verifier = new HttpSignatureVerifier();

    // ---- what verifies -------------------------------------------------------------------

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
        String auth = ClientSigner.triton(pair(keyName).getPrivate(), algorithm, "/alice/keys/" + keyName,
                "GET", TARGET, date(NOW));

        RequestSignature signature = read(request("GET", TARGET, auth, date(NOW)));

        assertThat(signature.keyId()).isEqualTo("/alice/keys/" + keyName);
        assertThat(signature.dateHeader()).isEqualTo("date");
        assertThat(signature.signedAt()).isEqualTo(NOW);
        assertThat(verifier.isSignedBy(signature, key(keyName))).isTrue();
    }

    @ParameterizedTest(name = "smartdc {0}")
    @ValueSource(strings = {"rsa-sha256", "rsa-sha1"})
    void smartdcSignatureOfDateAloneVerifies(String algorithm) {
        String auth = ClientSigner.smartdc(TestKeys.RSA_2048.getPrivate(), algorithm, "/alice/keys/laptop", date(NOW));

        assertThat(verifies(request("POST", "/alice/images/x?action=export&manta_path=%2Falice%2Fstor", auth,
                date(NOW)), RSA)).isTrue();
    }

    @Test
    void legacyFormSignsTheBareDateValue() {
        String auth = ClientSigner.legacy(TestKeys.RSA_2048.getPrivate(), "rsa-sha256", "/alice/keys/laptop", date(NOW));
        assertThat(auth).endsWith("=="); // a 256-byte signature is padded: the trailing token holds '='

        assertThat(verifies(request("GET", TARGET, auth, date(NOW)), RSA)).isTrue();
    }

    @Test
    void signatureParameterWithoutHeadersSignsTheDateLine() {
        String signature = ClientSigner.sign(TestKeys.ED25519.getPrivate(), "ed25519-sha512", "date: " + date(NOW));
        String auth = "Signature keyId=\"/alice/keys/desk\",algorithm=\"ed25519-sha512\",signature=\"" + signature + "\"";

        assertThat(verifies(request("GET", TARGET, auth, date(NOW)), ED25519)).isTrue();
    }

    @Test
    void algorithmNameIsMatchedCaseInsensitively() {
        String signature = ClientSigner.sign(TestKeys.RSA_2048.getPrivate(), "rsa-sha256", "date: " + date(NOW));
        String auth = "Signature keyId=\"/alice/keys/laptop\",algorithm=\"RSA-SHA256\",headers=\"date\",signature=\""
                + signature + "\"";

        assertThat(verifies(request("GET", TARGET, auth, date(NOW)), RSA)).isTrue();
    }

    @Test
    void requestTargetIsVerifiedExactlyAsSent() {
        String raw = "/alice/images?name=~base&tag.owner=me%40example.com&state=active";
        String auth = ClientSigner.triton(TestKeys.EC_P256.getPrivate(), "ecdsa-sha256", "/alice/keys/p256",
                "GET", raw, date(NOW));

        assertThat(verifies(request("GET", raw, auth, date(NOW)), P256)).isTrue();
        // The same request as a normalising server might rebuild it: not what was signed.
        assertThat(verifies(request("GET", raw.replace("~", "%7E"), auth, date(NOW)), P256)).isFalse();
        assertThat(verifies(request("GET", raw.replace("%40", "@"), auth, date(NOW)), P256)).isFalse();
    }

    @Test
    void signedXDateMayStandInForDate() {
        Instant earlier = NOW.minusSeconds(42);
        String signature = ClientSigner.sign(TestKeys.RSA_2048.getPrivate(), "rsa-sha256", "x-date: " + date(earlier));
        String auth = "Signature keyId=\"/alice/keys/laptop\",algorithm=\"rsa-sha256\",headers=\"x-date\",signature=\""
                + signature + "\"";
        Map<String, String> headers = Map.of("Authorization", auth, "X-Date", date(earlier), "Date", date(NOW));

        RequestSignature read = read(new SignedRequest("GET", TARGET, headers));

        assertThat(read.dateHeader()).isEqualTo("x-date");
        assertThat(read.signedAt()).isEqualTo(earlier);
        assertThat(verifier.isSignedBy(read, RSA)).isTrue();
    }

    @Test
    void eachRequestIsReadWithItsOwnDateThoughTheLastOneIsKept() {
        Instant later = NOW.plusSeconds(1);
        String first = ClientSigner.triton(TestKeys.RSA_2048.getPrivate(), "rsa-sha256", "/alice/keys/laptop", "GET", TARGET, date(NOW));
        String second = ClientSigner.triton(TestKeys.RSA_2048.getPrivate(), "rsa-sha256", "/alice/keys/laptop", "GET", TARGET, date(later));

        assertThat(read(request("GET", TARGET, first, date(NOW))).signedAt()).isEqualTo(NOW);
        assertThat(read(request("GET", TARGET, first, date(NOW))).signedAt()).isEqualTo(NOW);
        assertThat(read(request("GET", TARGET, second, date(later))).signedAt()).isEqualTo(later);
        assertThat(read(request("GET", TARGET, first, date(NOW))).signedAt()).isEqualTo(NOW);
        assertInvalidHeader(request("GET", TARGET, first, "yesterday"));
    }

    @Test
    void eachRequestIsReadWithItsOwnAuthorizationThoughTheLastOneIsKept() {
        String laptop = ClientSigner.triton(TestKeys.RSA_2048.getPrivate(), "rsa-sha256", "/alice/keys/laptop", "GET", TARGET, date(NOW));
        String desk = ClientSigner.triton(TestKeys.ED25519.getPrivate(), "ed25519-sha512", "/bob/keys/desk", "GET", TARGET, date(NOW));

        assertThat(read(request("GET", TARGET, laptop, date(NOW))).keyId()).isEqualTo("/alice/keys/laptop");
        assertThat(read(request("GET", TARGET, laptop, date(NOW))).keyId()).isEqualTo("/alice/keys/laptop");
        RequestSignature second = read(request("GET", TARGET, desk, date(NOW)));
        assertThat(second.keyId()).isEqualTo("/bob/keys/desk");
        assertThat(second.algorithm()).isEqualTo("ed25519-sha512");
        assertThat(read(request("GET", TARGET, laptop, date(NOW))).algorithm()).isEqualTo("rsa-sha256");
        assertInvalidHeader(request("GET", TARGET, laptop + ",", date(NOW)));
    }

    // ---- no Signature authorization: the application decides the answer --------------------

    @ParameterizedTest
    @ValueSource(strings = {"Basic YWxpY2U6c2VjcmV0", "Bearer abc", "", "   "})
    void otherSchemesCarryNoSignature(String authorization) {
        assertThat(verifier.read(request("GET", TARGET, authorization, date(NOW)))).isEmpty();
        assertThat(verifier.read(request("GET", TARGET, null, date(NOW)))).isEmpty();
    }

    // ---- a malformed header is InvalidHeader -----------------------------------------------

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
        assertInvalidHeader(request("GET", TARGET, authorization, date(NOW)));
    }

    @Test
    void missingDateIsInvalidHeader() {
        String auth = ClientSigner.triton(TestKeys.RSA_2048.getPrivate(), "rsa-sha256", "/alice/keys/laptop",
                "GET", TARGET, date(NOW));

        assertInvalidHeader(request("GET", TARGET, auth, null));
    }

    @Test
    void legacyFormWithoutDateIsInvalidHeader() {
        String auth = ClientSigner.legacy(TestKeys.RSA_2048.getPrivate(), "rsa-sha256", "/alice/keys/laptop", date(NOW));

        assertInvalidHeader(request("GET", TARGET, auth, null));
    }

    @Test
    void unsignedDateIsInvalidHeader() {
        String signature = ClientSigner.sign(TestKeys.RSA_2048.getPrivate(), "rsa-sha256",
                "(request-target): get " + TARGET);
        String auth = "Signature keyId=\"/alice/keys/laptop\",algorithm=\"rsa-sha256\",headers=\"(request-target)\","
                + "signature=\"" + signature + "\"";

        assertInvalidHeader(request("GET", TARGET, auth, date(NOW)));
    }

    @Test
    void signedHeaderThatIsAbsentIsInvalidHeader() {
        String signature = ClientSigner.sign(TestKeys.RSA_2048.getPrivate(), "rsa-sha256",
                "date: " + date(NOW) + "\ncontent-md5: abc");
        String auth = "Signature keyId=\"/alice/keys/laptop\",algorithm=\"rsa-sha256\",headers=\"date content-md5\","
                + "signature=\"" + signature + "\"";

        assertInvalidHeader(request("GET", TARGET, auth, date(NOW)));
    }

    @Test
    void dateThatIsNotRfc1123IsInvalidHeader() {
        String date = "2025-10-07T12:00:00Z";
        String auth = ClientSigner.smartdc(TestKeys.RSA_2048.getPrivate(), "rsa-sha256", "/alice/keys/laptop", date);

        assertInvalidHeader(request("GET", TARGET, auth, date));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hmac-sha256", "hmac-sha1", "dsa-sha1", "rsa-md5", "ed25519", "rsa_sha256", ""})
    void unsupportedAlgorithmIsInvalidHeader(String algorithm) {
        String signature = ClientSigner.sign(TestKeys.RSA_2048.getPrivate(), "rsa-sha256", "date: " + date(NOW));
        String auth = "Signature keyId=\"/alice/keys/laptop\",algorithm=\"" + algorithm + "\",headers=\"date\","
                + "signature=\"" + signature + "\"";

        assertInvalidHeader(request("GET", TARGET, auth, date(NOW)));
    }

    // ---- what does not verify ---------------------------------------------------------------

    @Test
    void signatureByAnotherKeyDoesNotVerify() {
        KeyPair other = TestKeys.generate("Ed25519", 0);
        String auth = ClientSigner.triton(other.getPrivate(), "ed25519-sha512", "/alice/keys/desk", "GET", TARGET,
                date(NOW));

        assertThat(verifies(request("GET", TARGET, auth, date(NOW)), ED25519)).isFalse();
    }

    @Test
    void aSignatureThatVerifiedIsRememberedOnlyForItsOwnKeyAndText() {
        String auth = ClientSigner.triton(TestKeys.RSA_2048.getPrivate(), "rsa-sha256", "/alice/keys/laptop",
                "GET", TARGET, date(NOW));
        SshKey sameNameOtherKey = key(TestKeys.generate("RSA", 2048), "laptop");

        assertThat(verifies(request("GET", TARGET, auth, date(NOW)), RSA)).isTrue();
        assertThat(verifies(request("GET", TARGET, auth, date(NOW)), RSA)).isTrue();
        assertThat(verifies(request("GET", TARGET, auth, date(NOW)), sameNameOtherKey)).isFalse();
        assertThat(verifies(request("HEAD", TARGET, auth, date(NOW)), RSA)).isFalse();
        assertThat(verifies(request("GET", TARGET, auth.replace("rsa-sha256", "rsa-sha512"), date(NOW)), RSA)).isFalse();
    }

    @Test
    void aLongSigningStringIsVerifiedEveryTimeNotRemembered() {
        String padding = "x".repeat(HttpSignatureVerifier.MAX_REMEMBERED_SIGNING_STRING);
        String signingString = "date: " + date(NOW) + "\nx-padding: " + padding;
        String auth = "Signature keyId=\"/alice/keys/laptop\",algorithm=\"rsa-sha256\",headers=\"date x-padding\",signature=\""
                + ClientSigner.sign(TestKeys.RSA_2048.getPrivate(), "rsa-sha256", signingString) + "\"";
        SignedRequest request = new SignedRequest("GET", TARGET,
                Map.of("Authorization", auth, "Date", date(NOW), "X-Padding", padding));

        assertThat(verifies(request, RSA)).isTrue();
        assertThat(verifies(request, RSA)).isTrue();
        assertThat(verifier.rememberedSignatures()).isZero();
        assertThat(verifies(request("GET", TARGET, ClientSigner.smartdc(TestKeys.RSA_2048.getPrivate(), "rsa-sha256",
                "/alice/keys/laptop", date(NOW)), date(NOW)), RSA)).isTrue();
        assertThat(verifier.rememberedSignatures()).isOne();
    }

    @Test
    void keyOfAnotherFamilyThanTheAlgorithmDoesNotVerify() {
        // an RSA key cannot verify an ecdsa claim, nor an Ed25519 key an rsa one, whatever was signed
        String ecdsaSigned = ClientSigner.smartdc(TestKeys.EC_P256.getPrivate(), "ecdsa-sha256", "/alice/keys/laptop", date(NOW));
        assertThat(verifies(request("GET", TARGET, ecdsaSigned, date(NOW)), RSA)).isFalse();

        String rsaSigned = ClientSigner.smartdc(TestKeys.RSA_2048.getPrivate(), "rsa-sha256", "/alice/keys/desk", date(NOW));
        assertThat(verifies(request("GET", TARGET, rsaSigned, date(NOW)), ED25519)).isFalse();

        String edSigned = ClientSigner.smartdc(TestKeys.ED25519.getPrivate(), "ed25519-sha512", "/alice/keys/p256", date(NOW));
        assertThat(verifies(request("GET", TARGET, edSigned, date(NOW)), P256)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyAlgorithm")
    void alteredSignatureDoesNotVerify(String algorithm, String keyName) {
        String good = ClientSigner.triton(pair(keyName).getPrivate(), algorithm, "/alice/keys/" + keyName,
                "GET", TARGET, date(NOW));
        String b64 = good.substring(good.indexOf("signature=\"") + 11, good.length() - 1);
        byte[] bytes = Base64.getDecoder().decode(b64);
        bytes[bytes.length / 2] ^= 0x01;
        String bad = good.replace(b64, Base64.getEncoder().encodeToString(bytes));

        assertThat(verifies(request("GET", TARGET, good, date(NOW)), key(keyName))).isTrue();
        assertThat(verifies(request("GET", TARGET, bad, date(NOW)), key(keyName))).isFalse();
    }

    @Test
    void truncatedOrGarbageSignatureDoesNotVerify() {
        for (SshKey key : new SshKey[] {RSA, P256, ED25519}) {
            String algorithm = key == RSA ? "rsa-sha256" : key == P256 ? "ecdsa-sha256" : "ed25519-sha512";
            String auth = "Signature keyId=\"/alice/keys/" + key.name() + "\",algorithm=\"" + algorithm
                    + "\",headers=\"date\",signature=\"AAAA\"";
            assertThat(verifies(request("GET", TARGET, auth, date(NOW)), key)).isFalse();
        }
    }

    @Test
    void tamperedPathMethodOrDateDoesNotVerify() {
        String auth = ClientSigner.triton(TestKeys.ED25519.getPrivate(), "ed25519-sha512", "/alice/keys/desk",
                "GET", "/alice/images", date(NOW));

        assertThat(verifies(request("GET", "/alice/images", auth, date(NOW)), ED25519)).isTrue();
        assertThat(verifies(request("GET", "/alice/images/0c4d0e18-6b4b-4b54-9a1f-2f0d6b2d1e55", auth, date(NOW)),
                ED25519)).isFalse();
        assertThat(verifies(request("DELETE", "/alice/images", auth, date(NOW)), ED25519)).isFalse();
        assertThat(verifies(request("GET", "/alice/images?state=all", auth, date(NOW)), ED25519)).isFalse();
        assertThat(verifies(request("GET", "/alice/images", auth, date(NOW.plusSeconds(1))), ED25519)).isFalse();
    }

    @Test
    void storedKeyThatNoLongerReadsDoesNotVerify() {
        String auth = ClientSigner.smartdc(TestKeys.RSA_2048.getPrivate(), "rsa-sha256", "/alice/keys/laptop", date(NOW));
        SshKey unreadable = new SshKey("laptop", RSA.md5Fingerprint(), RSA.sha256Fingerprint(), "ssh-rsa AAAA");

        assertThat(verifies(request("GET", TARGET, auth, date(NOW)), unreadable)).isFalse();
    }

    // ---- helpers --------------------------------------------------------------------------

    private RequestSignature read(SignedRequest request) {
        return verifier.read(request).orElseThrow();
    }

    private boolean verifies(SignedRequest request, SshKey key) {
        return verifier.isSignedBy(read(request), key);
    }

    private void assertInvalidHeader(SignedRequest request) {
        assertThatThrownBy(() -> verifier.read(request))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_HEADER));
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

    private static SshKey key(KeyPair pair, String name) {
        return KEYS.parse(TestKeys.openSshLine(pair.getPublic(), name + "@test"), name);
    }

    private static SshKey key(String name) {
        return Stream.of(RSA, P256, P384, ED25519).filter(k -> k.name().equals(name)).findFirst().orElseThrow();
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
