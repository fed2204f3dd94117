package dev.imageservice.bootstrap.rest;

import dev.imageservice.bootstrap.security.SshPublicKeys;
import dev.imageservice.domain.account.SshKey;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/** An RSA key pair made for one test class, registered with its account as an OpenSSH public key line. */
public final class TestKey {

    private static final SshPublicKeys PUBLIC_KEYS = new SshPublicKeys();

    private final KeyPair pair;
    private final String publicKeyLine;
    private final SshKey parsed;

    private TestKey(KeyPair pair) {
        this.pair = pair;
        byte[] blob = openSshBlob((RSAPublicKey) pair.getPublic());
        this.publicKeyLine = "ssh-rsa " + Base64.getEncoder().encodeToString(blob) + " test@image-service";
        this.parsed = PUBLIC_KEYS.parse(publicKeyLine, null);
    }

    public static TestKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new TestKey(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public SshKey sshKey(String name) {
        return PUBLIC_KEYS.parse(publicKeyLine, name);
    }

    public String md5Fingerprint() {
        return parsed.md5Fingerprint();
    }

    public String sha256Fingerprint() {
        return parsed.sha256Fingerprint();
    }

    /**
     * Writes the private key (PKCS#8 PEM) to {@code file} and its OpenSSH public line beside it as
     * {@code file.pub}, the layout of an operator key ({@code images.operator.key}).
     */
    public void writeKeyPair(Path file) {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        try {
            Files.writeString(file, pem);
            Files.writeString(Path.of(file + ".pub"), publicKeyLine + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Base64 rsa-sha256 signature of the text. */
    public String sign(String signingString) {
        return sign(signingString, "SHA256withRSA");
    }

    /** Base64 signature of the text with a JCA algorithm such as SHA1withRSA. */
    public String sign(String signingString, String jcaAlgorithm) {
        try {
            Signature signature = Signature.getInstance(jcaAlgorithm);
            signature.initSign(pair.getPrivate());
            signature.update(signingString.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] openSshBlob(RSAPublicKey key) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeString(out, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
            writeString(out, key.getPublicExponent().toByteArray());
            writeString(out, key.getModulus().toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeString(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }
}
