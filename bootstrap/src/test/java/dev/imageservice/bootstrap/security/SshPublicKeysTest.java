package dev.imageservice.bootstrap.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.domain.account.SshKey;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SshPublicKeysTest {

    private static final SshPublicKeys KEYS = new SshPublicKeys();

    /**
     * Keys made by {@code ssh-keygen}, with the fingerprints {@code ssh-keygen -l -E md5 -f} and
     * {@code ssh-keygen -l -f} printed for them (resources/ssh-keys/fingerprints.txt).
     */
    static Stream<Arguments> sshKeygenFixtures() {
        return resource("fingerprints.txt").lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("\\|"))
                .map(f -> Arguments.of(f[0], f[1], f[2]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sshKeygenFixtures")
    void fingerprintsAreThoseSshKeygenPrints(String file, String md5, String sha256) {
        SshKey key = KEYS.parse(resource(file), null);

        assertThat("MD5:" + key.md5Fingerprint()).isEqualTo(md5);
        assertThat(key.sha256Fingerprint()).isEqualTo(sha256);
        assertThat(key.isNamedBy(md5)).isTrue();
    }

    @Test
    void keyIsNamedByItsCommentByDefault() {
        SshKey key = KEYS.parse(resource("ecdsa256.pub"), null);

        assertThat(key.name()).isEqualTo("ecdsa 256 key");
        assertThat(key.publicKeyText()).isEqualTo(resource("ecdsa256.pub").strip());
    }

    @Test
    void keyWithoutCommentIsNamedByItsMd5Fingerprint() {
        SshKey key = KEYS.parse(resource("nocomment.pub"), null);

        assertThat(key.name()).isEqualTo("f3:69:67:6a:5c:a4:7d:b5:50:5a:4e:fb:5b:fe:42:b6");
        assertThat(key.publicKeyText()).doesNotEndWith(" ");
    }

    @Test
    void givenNameWins() {
        assertThat(KEYS.parse(resource("rsa2048.pub"), "work").name()).isEqualTo("work");
        assertThat(KEYS.parse(resource("rsa2048.pub"), "  ").name()).isEqualTo("alice@laptop");
    }

    @Test
    void extraWhitespaceIsNormalised() {
        String line = resource("ed25519.pub").strip().replace(" ", "   \t");
        SshKey key = KEYS.parse("  " + line + "\n", null);

        assertThat(key.publicKeyText()).isEqualTo(resource("ed25519.pub").strip());
    }

    static Stream<KeyPair> generatedKeys() {
        return Stream.of(TestKeys.RSA_2048, TestKeys.EC_P256, TestKeys.EC_P384, TestKeys.generateEc("secp521r1"),
                TestKeys.ED25519);
    }

    @ParameterizedTest
    @MethodSource("generatedKeys")
    void keyReadBackIsTheJcaKeyItWasWrittenFrom(KeyPair pair) {
        String line = TestKeys.openSshLine(pair.getPublic(), "me@host");

        SshPublicKeys.OpenSshKey read = SshPublicKeys.OpenSshKey.read(line);

        assertThat(read.toPublicKey().getEncoded()).isEqualTo(pair.getPublic().getEncoded());
        assertThat(KEYS.parse(line, null).name()).isEqualTo("me@host");
    }

    // ---- bad input ------------------------------------------------------------------------

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\n"})
    void emptyInputIsInvalidArgument(String line) {
        assertInvalid(line, "empty");
    }

    @Test
    void singleWordIsInvalidArgument() {
        assertInvalid("ssh-rsa", "single word");
    }

    @Test
    void keyDataThatIsNotBase64IsInvalidArgument() {
        assertInvalid("ssh-rsa AAAA*B3Nza me@host", "not valid base64");
    }

    @Test
    void privateKeyIsInvalidArgument() {
        assertInvalid("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----",
                "not a PEM block");
    }

    @Test
    void twoLinesAreInvalidArgument() {
        assertInvalid(resource("rsa2048.pub").strip() + "\n" + resource("ed25519.pub"), "single public key line");
    }

    @Test
    void dsaKeyIsUnsupported() {
        assertInvalid(resource("dsa.pub"), "unsupported key type ssh-dss");
    }

    @Test
    void unknownKeyTypeIsInvalidArgument() {
        String blob = Base64.getEncoder().encodeToString("\0\0\0\u0007ssh-foo\0\0\0\u0001x".getBytes(StandardCharsets.ISO_8859_1));
        assertInvalid("ssh-foo " + blob, "not a valid OpenSSH public key");
    }

    @Test
    void typeThatDisagreesWithTheKeyDataIsInvalidArgument() {
        String ed25519Data = resource("ed25519.pub").split(" ")[1];
        assertInvalid("ssh-rsa " + ed25519Data + " x", "says ssh-rsa but its key data holds a ssh-ed25519 key");
    }

    @Test
    void truncatedKeyDataIsInvalidArgument() {
        byte[] blob = TestKeys.sshBlob(TestKeys.RSA_2048.getPublic());
        byte[] truncated = java.util.Arrays.copyOf(blob, blob.length - 10);
        assertInvalid("ssh-rsa " + Base64.getEncoder().encodeToString(truncated), "not a valid OpenSSH public key");
    }

    @Test
    void trailingKeyDataIsInvalidArgument() {
        byte[] blob = TestKeys.sshBlob(TestKeys.ED25519.getPublic());
        byte[] longer = java.util.Arrays.copyOf(blob, blob.length + 4);
        assertInvalid("ssh-ed25519 " + Base64.getEncoder().encodeToString(longer), "not a valid OpenSSH public key");
    }

    @Test
    void ecdsaBlobWhoseCurveDisagreesWithItsTypeIsInvalidArgument() {
        // The blob names its type ("ecdsa-sha2-nistp256") and then its curve ("nistp256"); make the
        // type say nistp384 while the curve and point stay P-256.
        byte[] blob = TestKeys.sshBlob(TestKeys.EC_P256.getPublic());
        String latin1 = new String(blob, StandardCharsets.ISO_8859_1);
        assertThat(latin1).startsWith("\0\0\0\u0013ecdsa-sha2-nistp256\0\0\0\u0008nistp256");
        byte[] mixed = latin1.replaceFirst("ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384").getBytes(StandardCharsets.ISO_8859_1);
        String data = Base64.getEncoder().encodeToString(mixed);

        assertInvalid("ecdsa-sha2-nistp384 " + data, "holds a ecdsa-sha2-nistp256 key");
        // BouncyCastle reads such a blob as a P-256 key; only re-encoding it shows the disagreement.
        assertInvalid("ecdsa-sha2-nistp256 " + data, "not canonically encoded");
    }

    private static void assertInvalid(String line, String messagePart) {
        assertThatThrownBy(() -> KEYS.parse(line, null))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining(messagePart);
    }

    private static String resource(String name) {
        try (InputStream in = SshPublicKeysTest.class.getResourceAsStream("/ssh-keys/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
