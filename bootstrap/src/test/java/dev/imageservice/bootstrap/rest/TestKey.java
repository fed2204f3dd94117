package dev.imageservice.bootstrap.rest;

import dev.imageservice.domain.account.SshKey;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HexFormat;

/** An RSA key pair made for one test class, with the OpenSSH text and fingerprints an account registers. */
public final class TestKey {

    private final KeyPair pair;
    private final String publicKeyLine;
    private final String md5Fingerprint;
    private final String sha256Fingerprint;

    private TestKey(KeyPair pair) {
        this.pair = pair;
        byte[] blob = openSshBlob((RSAPublicKey) pair.getPublic());
        this.publicKeyLine = "ssh-rsa " + Base64.getEncoder().encodeToString(blob) + " test@image-service";
        this.md5Fingerprint = colonHex(digest("MD5", blob));
        this.sha256Fingerprint = "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest("SHA-256", blob));
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
        return new SshKey(name, md5Fingerprint, sha256Fingerprint, publicKeyLine);
    }

    public String md5Fingerprint() {
        return md5Fingerprint;
    }

    /** Base64 rsa-sha256 signature of the text. */
    public String sign(String signingString) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
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

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String colonHex(byte[] digest) {
        String hex = HexFormat.of().formatHex(digest);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            out.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }
        return out.toString();
    }

}
