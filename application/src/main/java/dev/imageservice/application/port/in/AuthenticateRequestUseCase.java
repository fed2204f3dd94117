package dev.imageservice.application.port.in;

import dev.imageservice.domain.account.Account;
import java.util.Optional;

/**
 * Verifies a request's HTTP Signature (CloudAPI's scheme) and names the signing account. Both the
 * REST and the gRPC adapter authenticate through this port.
 */
public interface AuthenticateRequestUseCase {

    /**
     * @return the account that signed the request (a sub-user's keyId acts as its account)
     * @throws dev.imageservice.domain.error.DomainException InvalidCredentials when there is no
     *         Signature authorization, the keyId is malformed, or login, key or signature do not
     *         verify; InvalidHeader when the header is malformed, the algorithm unsupported, or the
     *         Date missing, unsigned or more than 300 s off; NotAuthorized when the verified
     *         account is disabled
     */
    Account authenticate(SignedRequest request);

    /**
     * As {@link #authenticate}, but without reading anything: empty when the signer's account and keys
     * are not at hand, before any check that needs them. Refusals that need no account are thrown as there.
     */
    Optional<Account> authenticateFromMemory(SignedRequest request);
}
