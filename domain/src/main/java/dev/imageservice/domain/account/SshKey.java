package dev.imageservice.domain.account;

import java.util.Objects;

/**
 * An account's SSH public key as HTTP Signature keyIds name it: by name, by MD5 colon
 * fingerprint ({@code ab:cd:...}) or by SHA-256 fingerprint ({@code SHA256:base64}).
 */
public record SshKey(String name, String md5Fingerprint, String sha256Fingerprint, String publicKeyText) {

    public SshKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(md5Fingerprint, "md5Fingerprint");
        Objects.requireNonNull(sha256Fingerprint, "sha256Fingerprint");
        Objects.requireNonNull(publicKeyText, "publicKeyText");
    }

    public boolean isNamedBy(String keyId) {
        return name.equals(keyId) || md5Fingerprint.equals(keyId) || sha256Fingerprint.equals(keyId)
                || ("MD5:" + md5Fingerprint).equals(keyId);
    }
}
