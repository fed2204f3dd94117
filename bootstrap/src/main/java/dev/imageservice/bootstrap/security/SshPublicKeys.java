package dev.imageservice.bootstrap.security;

import dev.imageservice.application.port.out.PublicKeyParser;
import dev.imageservice.domain.account.SshKey;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.OpenSSHPublicKeyUtil;
import org.bouncycastle.crypto.util.SSHNamedCurves;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * Reads OpenSSH public key lines ({@code ssh-rsa AAAA... comment}) into {@link SshKey}s, with the
 * fingerprints {@code ssh-keygen -l} prints. Supported: {@code ssh-rsa}, {@code ssh-ed25519} and
 * {@code ecdsa-sha2-nistp256/384/521}, the key types HTTP Signature clients sign with.
 */
@Singleton
public class SshPublicKeys implements PublicKeyParser {

    private static final Set<String> EC_CURVES = Set.of("nistp256", "nistp384", "nistp521");

    @Override
    public SshKey parse(String publicKeyLine, String name) {
        OpenSshKey key = OpenSshKey.read(publicKeyLine);
        return SshKey.fromOpenSsh(name, key.comment(), key.blob(), key.canonicalLine());
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static DomainException invalid(String message) {
        return new DomainException(ErrorCode.INVALID_ARGUMENT, message);
    }

    /** The families of keys, each with the JCA KeyFactory that rebuilds it. */
    enum Family {
        RSA("RSA"), ECDSA("EC"), ED25519("Ed25519");

        private final String keyFactory;

        Family(String keyFactory) {
            this.keyFactory = keyFactory;
        }
    }

    /**
     * One parsed key line: its type token, the decoded key blob (what fingerprints hash), the
     * comment and the key itself.
     */
    record OpenSshKey(String type, byte[] blob, String comment, Family family, AsymmetricKeyParameter key) {

        static OpenSshKey read(String line) {
            if (isBlank(line)) {
                throw invalid("public key is empty");
            }
            String text = line.strip();
            if (text.startsWith("-----BEGIN")) {
                throw invalid("expected an OpenSSH public key line (the .pub file), not a PEM block");
            }
            if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
                throw invalid("expected a single public key line");
            }
            String[] parts = text.split("\\s+", 3);
            if (parts.length < 2) {
                throw invalid("expected '<type> <base64 key> [comment]', got a single word");
            }
            String type = parts[0];
            byte[] blob;
            try {
                blob = Base64.getDecoder().decode(parts[1]);
            } catch (IllegalArgumentException e) {
                throw invalid("the key data of a " + type + " public key is not valid base64");
            }
            AsymmetricKeyParameter key;
            try {
                key = OpenSSHPublicKeyUtil.parsePublicKey(blob);
            } catch (RuntimeException e) {
                // BouncyCastle reports unknown types and truncated or trailing data as unchecked exceptions.
                throw invalid("not a valid OpenSSH public key (" + type + "): " + e.getMessage());
            }
            Family family;
            String blobType;
            if (key instanceof RSAKeyParameters) {
                family = Family.RSA;
                blobType = "ssh-rsa";
            } else if (key instanceof Ed25519PublicKeyParameters) {
                family = Family.ED25519;
                blobType = "ssh-ed25519";
            } else if (key instanceof ECPublicKeyParameters ec) {
                String curve = SSHNamedCurves.getNameForParameters(ec.getParameters());
                if (!EC_CURVES.contains(curve)) {
                    throw invalid("unsupported ECDSA curve " + curve + "; use nistp256, nistp384 or nistp521");
                }
                family = Family.ECDSA;
                blobType = "ecdsa-sha2-" + curve;
            } else {
                throw invalid("unsupported key type " + type + "; use ssh-rsa, ssh-ed25519 or ecdsa-sha2-nistp256/384/521");
            }
            if (!blobType.equals(type)) {
                throw invalid("the key line says " + type + " but its key data holds a " + blobType + " key");
            }
            // Re-encoding must give the same bytes: this rejects a blob whose inner curve name
            // disagrees with its type, and non-canonical encodings that would change the fingerprint.
            if (!Arrays.equals(encode(key), blob)) {
                throw invalid("the " + type + " key data is not canonically encoded");
            }
            String comment = parts.length == 3 ? parts[2].strip() : "";
            return new OpenSshKey(type, blob, comment, family, key);
        }

        String canonicalLine() {
            String base = type + " " + Base64.getEncoder().encodeToString(blob);
            return comment.isEmpty() ? base : base + " " + comment;
        }

        /** The key as a JCA public key, for {@link java.security.Signature}. */
        PublicKey toPublicKey() {
            try {
                byte[] x509 = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key).getEncoded();
                return KeyFactory.getInstance(family.keyFactory).generatePublic(new X509EncodedKeySpec(x509));
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("cannot rebuild a parsed " + type + " key", e);
            }
        }

        private static byte[] encode(AsymmetricKeyParameter key) {
            try {
                return OpenSSHPublicKeyUtil.encodePublicKey(key);
            } catch (IOException | RuntimeException e) {
                throw invalid("cannot encode the key: " + e.getMessage());
            }
        }
    }
}
