package dev.imageservice.domain.account;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An account's SSH public key as HTTP Signature keyIds name it: by name, by MD5 colon
 * fingerprint ({@code ab:cd:...}, also written {@code MD5:ab:cd:...}) or by SHA-256 fingerprint
 * ({@code SHA256:base64}). The fingerprints are those {@code ssh-keygen -l} prints; CloudAPI clients
 * send the MD5 one as the key id.
 */
public record SshKey(String name, String md5Fingerprint, String sha256Fingerprint, String publicKeyText) {

    public SshKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(md5Fingerprint, "md5Fingerprint");
        Objects.requireNonNull(sha256Fingerprint, "sha256Fingerprint");
        Objects.requireNonNull(publicKeyText, "publicKeyText");
    }

    /**
     * A key read from an OpenSSH public key line. It is named {@code givenName}; a null or blank one
     * falls back to the line's comment, then to the MD5 fingerprint.
     *
     * @param blob          the decoded key data (the line's second field), which fingerprints hash
     * @param publicKeyText the line as stored
     */
    public static SshKey fromOpenSsh(String givenName, String comment, byte[] blob, String publicKeyText) {
        String md5 = md5Fingerprint(blob);
        String name = isBlank(givenName) ? (isBlank(comment) ? md5 : comment.strip()) : givenName.strip();
        return new SshKey(name, md5, sha256Fingerprint(blob), publicKeyText);
    }

    /** Lower-case hex pairs joined by ':' (as {@code ssh-keygen -l -E md5}, without its {@code MD5:}). */
    public static String md5Fingerprint(byte[] blob) {
        return HexFormat.ofDelimiter(":").formatHex(digest("MD5", blob));
    }

    /** {@code SHA256:} and unpadded base64, as {@code ssh-keygen -l} prints it. */
    public static String sha256Fingerprint(byte[] blob) {
        return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest("SHA-256", blob));
    }

    /**
     * Whether a keyId or an admin's key reference names this key: its name, either fingerprint, or
     * the MD5 one with the {@code MD5:} prefix ssh-keygen prints. Every lookup of a key by reference
     * (authentication, key removal, in every store) goes through this one rule.
     */
    public boolean isNamedBy(String reference) {
        return name.equals(reference) || md5Fingerprint.equals(reference) || sha256Fingerprint.equals(reference)
                || ("MD5:" + md5Fingerprint).equals(reference);
    }

    /**
     * Whether one account may not hold both keys: some reference would name both (a shared fingerprint,
     * or one's name naming the other), so removing or signing by it would be ambiguous. Every store
     * refuses a clashing key by this one rule.
     */
    public boolean clashesWith(SshKey other) {
        return md5Fingerprint.equals(other.md5Fingerprint) || isNamedBy(other.name) || other.isNamedBy(name);
    }

    /** This key named by its MD5 fingerprint, as CloudAPI names a key given no name. */
    public SshKey namedByFingerprint() {
        return new SshKey(md5Fingerprint, md5Fingerprint, sha256Fingerprint, publicKeyText);
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java platform", e);
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
