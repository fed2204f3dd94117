package dev.imageservice.application.service;

import dev.imageservice.application.port.in.SignedRequest;
import dev.imageservice.application.port.out.RequestSignature;
import dev.imageservice.application.port.out.SignatureVerifier;
import dev.imageservice.domain.account.SshKey;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * A {@link SignatureVerifier} for a made-up scheme, {@code Authorization: Signature KEYID|PROOF} with
 * an ISO-8601 {@code Date}, where a key "signs" by giving its SHA-256 fingerprint as the proof. It
 * lets the authentication rules be tested without cryptography; the real scheme is tested with
 * real signatures in bootstrap.
 */
final class SimpleSignatures implements SignatureVerifier {

    private static final String SCHEME = "Signature ";

    /** The Authorization value with which {@code signer} claims to be {@code keyId}. */
    static String authorization(String keyId, SshKey signer) {
        return SCHEME + keyId + "|" + signer.sha256Fingerprint();
    }

    @Override
    public Optional<RequestSignature> read(SignedRequest request) {
        String authorization = request.header("authorization");
        if (authorization == null || !authorization.startsWith(SCHEME) || !authorization.contains("|")) {
            return Optional.empty();
        }
        String date = request.header("date");
        if (date == null) {
            throw new DomainException(ErrorCode.INVALID_HEADER, "date header missing");
        }
        String[] claim = authorization.substring(SCHEME.length()).split("\\|", 2);
        return Optional.of(new RequestSignature(claim[0], "date", Instant.parse(date), "proof-of-fingerprint",
                "", claim[1].getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public boolean isSignedBy(RequestSignature signature, SshKey key) {
        return key.sha256Fingerprint().equals(new String(signature.signature(), StandardCharsets.UTF_8));
    }
}
