package dev.imageservice.bootstrap.security;

import dev.imageservice.bootstrap.security.SshPublicKeys.Family;
import java.util.Locale;
import java.util.Optional;

/**
 * The HTTP Signature algorithms CloudAPI accepts, each with the key family it needs and its JCA
 * signature name. ECDSA signatures are ASN.1 DER (as node's crypto writes them); Ed25519 ones are
 * the raw 64 bytes. No HMAC: accounts hold public keys only.
 */
enum SignatureAlgorithm {
    RSA_SHA1("rsa-sha1", Family.RSA, "SHA1withRSA"),
    RSA_SHA256("rsa-sha256", Family.RSA, "SHA256withRSA"),
    RSA_SHA384("rsa-sha384", Family.RSA, "SHA384withRSA"),
    RSA_SHA512("rsa-sha512", Family.RSA, "SHA512withRSA"),
    ECDSA_SHA256("ecdsa-sha256", Family.ECDSA, "SHA256withECDSA"),
    ECDSA_SHA384("ecdsa-sha384", Family.ECDSA, "SHA384withECDSA"),
    ECDSA_SHA512("ecdsa-sha512", Family.ECDSA, "SHA512withECDSA"),
    ED25519_SHA512("ed25519-sha512", Family.ED25519, "Ed25519");

    private final String wireName;
    private final Family keyFamily;
    private final String jcaName;

    SignatureAlgorithm(String wireName, Family keyFamily, String jcaName) {
        this.wireName = wireName;
        this.keyFamily = keyFamily;
        this.jcaName = jcaName;
    }

    /** Matched case-insensitively: the reference upper-cases before looking the name up. */
    static Optional<SignatureAlgorithm> byWireName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (SignatureAlgorithm algorithm : values()) {
            if (algorithm.wireName.equals(lower)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    String wireName() {
        return wireName;
    }

    Family keyFamily() {
        return keyFamily;
    }

    String jcaName() {
        return jcaName;
    }
}
