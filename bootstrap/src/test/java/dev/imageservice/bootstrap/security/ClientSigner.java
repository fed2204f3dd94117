package dev.imageservice.bootstrap.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;

/**
 * Signs requests the way the real clients do (triton signs {@code (request-target) date}, smartdc the
 * {@code date} line, old http-signature the bare Date value), independently of the code under test.
 */
final class ClientSigner {

    /** node's {@code new Date().toUTCString()}: two-digit day, English names, GMT. */
    private static final DateTimeFormatter NODE_UTC =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private ClientSigner() {
    }

    static String date(Instant instant) {
        return NODE_UTC.format(instant);
    }

    /** The JCA name for an HTTP Signature algorithm; written out here, not taken from production code. */
    static String jcaName(String algorithm) {
        return switch (algorithm) {
            case "rsa-sha1" -> "SHA1withRSA";
            case "rsa-sha256" -> "SHA256withRSA";
            case "rsa-sha384" -> "SHA384withRSA";
            case "rsa-sha512" -> "SHA512withRSA";
            case "ecdsa-sha256" -> "SHA256withECDSA";
            case "ecdsa-sha384" -> "SHA384withECDSA";
            case "ecdsa-sha512" -> "SHA512withECDSA";
            case "ed25519-sha512" -> "Ed25519";
            default -> throw new IllegalArgumentException(algorithm);
        };
    }

    static String sign(PrivateKey key, String algorithm, String signingString) {
        try {
            Signature signer = Signature.getInstance(jcaName(algorithm));
            signer.initSign(key);
            signer.update(signingString.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** triton: {@code headers="(request-target) date"}, method lower-cased, target as sent. */
    static String triton(PrivateKey key, String algorithm, String keyId, String method, String target, String date) {
        String signingString = "(request-target): " + method.toLowerCase(Locale.ROOT) + " " + target + "\ndate: " + date;
        return "Signature keyId=\"" + keyId + "\",algorithm=\"" + algorithm
                + "\",headers=\"(request-target) date\",signature=\"" + sign(key, algorithm, signingString) + "\"";
    }

    /** smartdc: {@code headers="date"}. */
    static String smartdc(PrivateKey key, String algorithm, String keyId, String date) {
        return "Signature keyId=\"" + keyId + "\",algorithm=\"" + algorithm + "\",headers=\"date\",signature=\""
                + sign(key, algorithm, "date: " + date) + "\"";
    }

    /** The legacy (http-signature 0.9) form: the bare Date value signed, the signature trailing. */
    static String legacy(PrivateKey key, String algorithm, String keyId, String date) {
        return "Signature keyId=\"" + keyId + "\",algorithm=\"" + algorithm + "\" " + sign(key, algorithm, date);
    }
}
