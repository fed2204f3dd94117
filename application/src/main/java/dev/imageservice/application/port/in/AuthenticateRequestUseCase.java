package dev.imageservice.application.port.in;

import dev.imageservice.domain.account.Account;

/**
 * Verifies a request's HTTP Signature (CloudAPI's scheme) and names the signing account. Both the
 * REST and the gRPC adapter authenticate through this port.
 */
public interface AuthenticateRequestUseCase {

    Account authenticate(SignedRequest request);
}
