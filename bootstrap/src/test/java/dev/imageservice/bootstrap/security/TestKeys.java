package dev.imageservice.bootstrap.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.bouncycastle.crypto.util.OpenSSHPublicKeyUtil;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/** Real key pairs made with JCA, their public halves written as OpenSSH lines by BouncyCastle. */
final class TestKeys {

    // Generated once: RSA key generation is slow enough to matter across many tests.
    static final KeyPair RSA_2048 = generate("RSA", 2048);
    static final KeyPair EC_P256 = generateEc("secp256r1");
    static final KeyPair EC_P384 = generateEc("secp384r1");
    static final KeyPair ED25519 = generate("Ed25519", 0);

    private TestKeys() {
    }

    static KeyPair generate(String algorithm, int size) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (size > 0) {
                generator.initialize(size);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair generateEc(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The OpenSSH blob of a JCA public key. */
    static byte[] sshBlob(PublicKey key) {
        try {
            return OpenSSHPublicKeyUtil.encodePublicKey(PublicKeyFactory.createKey(key.getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code <type> <base64 blob> <comment>}, as in a .pub file. */
    static String openSshLine(PublicKey key, String comment) {
        return sshType(key) + " " + Base64.getEncoder().encodeToString(sshBlob(key)) + " " + comment;
    }

    static String sshType(PublicKey key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> "ssh-rsa";
            case "EdDSA", "Ed25519" -> "ssh-ed25519";
            case "EC" -> "ecdsa-sha2-nistp" + ((java.security.interfaces.ECPublicKey) key).getParams().getCurve()
                    .getField().getFieldSize();
            default -> throw new IllegalArgumentException(key.getAlgorithm());
        };
    }
}
