package dev.imageservice.bootstrap.grpc;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/** A fresh RSA key pair; its public half as the OpenSSH line an account registers. */
final class TestKey {

    private final KeyPair pair;

    private TestKey(KeyPair pair) {
        this.pair = pair;
    }

    static TestKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new TestKey(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code ssh-rsa BASE64 comment}, written here byte by byte rather than by the code under test. */
    String openSshLine() {
        RSAPublicKey key = (RSAPublicKey) pair.getPublic();
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(blob)) {
            writeString(out, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
            writeString(out, key.getPublicExponent().toByteArray());
            writeString(out, key.getModulus().toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "ssh-rsa " + Base64.getEncoder().encodeToString(blob.toByteArray()) + " grpc-test";
    }

    /** Base64 rsa-sha256 signature of the text. */
    String sign(String text) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(pair.getPrivate());
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeString(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }
}
