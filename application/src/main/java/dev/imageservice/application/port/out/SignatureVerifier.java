package dev.imageservice.application.port.out;

import dev.imageservice.application.port.in.SignedRequest;
import dev.imageservice.domain.account.SshKey;
import java.util.Optional;

/**
 * The mechanics of CloudAPI's HTTP Signature scheme: the Authorization header's grammar, the
 * signed Date, the signing string, key formats and the cryptography. Which key may sign for whom,
 * and which failure gets which answer, are the application's rules.
 */
public interface SignatureVerifier {

    /**
     * @return empty when the request carries no authorization in the Signature scheme
     * @throws dev.imageservice.domain.error.DomainException InvalidHeader when the header is
     *         malformed or names an unsupported algorithm, when the date it must sign is missing,
     *         unsigned or not an RFC 1123 date, or when a header it signs is absent
     */
    Optional<RequestSignature> read(SignedRequest request);

    /**
     * Whether {@code key} made the signature. A key of another family than the algorithm's, a
     * malformed signature and a stored key that no longer reads are all simply false.
     */
    boolean isSignedBy(RequestSignature signature, SshKey key);
}
