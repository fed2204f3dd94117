package dev.imageservice.application.service;

import dev.imageservice.application.port.in.AuthenticateRequestUseCase;
import dev.imageservice.application.port.in.SignedRequest;
import dev.imageservice.application.port.out.AuthenticationFailures;
import dev.imageservice.application.port.out.AuthenticationFailures.Reason;
import dev.imageservice.application.port.out.RequestSignature;
import dev.imageservice.application.port.out.SignatureVerifier;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.account.SshKey;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of CloudAPI's HTTP Signature authentication; the {@link SignatureVerifier} does the
 * header grammar and the cryptography. Problems with the header itself answer InvalidHeader before
 * any account is looked up; an unknown login, an unknown key, a key of the wrong type and a bad
 * signature all answer the same InvalidCredentials, so a caller cannot tell which one it was. A
 * disabled account is told so only after its signature verified.
 */
@Singleton
class AuthenticateRequestService implements AuthenticateRequestUseCase {

    /** How far the signed date may be from this server's clock, either way (CloudAPI's limit). */
    static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(300);
    static final String MUST_AUTHENTICATE = "You must make authenticated requests to use CloudAPI";
    static final String ACCOUNT_DISABLED = "Account or user is disabled";

    /**
     * {@code /LOGIN/keys/KEY} or a sub-user's {@code /LOGIN/users/USER/keys/KEY}. KEY takes the
     * rest of the string: a {@code SHA256:} fingerprint is base64 and may contain '/'.
     */
    private static final Pattern KEY_ID = Pattern.compile("/([^/]+)/(?:users/([^/]+)/)?keys/(.+)");

    private final CredentialCache credentials;
    private final SignatureVerifier verifier;
    private final Clock clock;
    private final AuthenticationFailures failures;

    @Inject
    AuthenticateRequestService(CredentialCache credentials, SignatureVerifier verifier, Clock clock,
                               AuthenticationFailures failures) {
        this.credentials = credentials;
        this.verifier = verifier;
        this.clock = clock;
        this.failures = failures;
    }

    /** No transaction: accounts and keys come from the {@link CredentialCache}, which reads without one. */
    @Override
    public Account authenticate(SignedRequest request) {
        return authenticate(request, login -> Optional.of(credentials.of(login))).orElseThrow();
    }

    @Override
    public Optional<Account> authenticateFromMemory(SignedRequest request) {
        return authenticate(request, credentials::inMemory);
    }

    /**
     * {@code credentialsOf} answers empty when a login's credentials are not at hand; this then answers
     * empty too, having judged only what needs no account.
     */
    private Optional<Account> authenticate(SignedRequest request,
                                           Function<String, Optional<Optional<CredentialCache.Credentials>>> credentialsOf) {
        // Other schemes (Basic included) are ignored, as CloudAPI does: the request then has no caller.
        RequestSignature signature = read(request)
                .orElseThrow(() -> refused(Reason.NO_SIGNATURE, new DomainException(ErrorCode.INVALID_CREDENTIALS, MUST_AUTHENTICATE)));
        if (Duration.between(signature.signedAt(), clock.instant()).abs().compareTo(MAX_CLOCK_SKEW) > 0) {
            throw refused(Reason.CLOCK_SKEW, new DomainException(ErrorCode.INVALID_HEADER, "clock skew of "
                    + signature.dateHeader() + " header exceeds " + MAX_CLOCK_SKEW.toSeconds() + " seconds"));
        }
        Matcher keyId = KEY_ID.matcher(signature.keyId());
        if (!keyId.matches()) {
            throw refused(Reason.MALFORMED_KEY_ID, new DomainException(ErrorCode.INVALID_CREDENTIALS,
                    "Invalid KeyId " + signature.keyId() + " in authorization header"));
        }
        // A sub-user's keyId (group 2) is accepted as its account: this service has no sub-users,
        // so the key must be one of the account's own keys and the request acts as the account.
        String login = keyId.group(1);
        String keyName = keyId.group(3);
        Optional<Optional<CredentialCache.Credentials>> atHand = credentialsOf.apply(login);
        if (atHand.isEmpty()) {
            return Optional.empty();
        }
        CredentialCache.Credentials signer = atHand.get()
                .orElseThrow(() -> rejected(Reason.UNKNOWN_ACCOUNT, signature));
        Account account = signer.account();
        SshKey key = signer.keys().stream()
                .filter(candidate -> candidate.isNamedBy(keyName))
                .findFirst()
                .orElseThrow(() -> rejected(Reason.UNKNOWN_KEY, signature));
        if (!verifier.isSignedBy(signature, key)) {
            throw rejected(Reason.BAD_SIGNATURE, signature);
        }
        if (account.disabled()) {
            throw refused(Reason.ACCOUNT_DISABLED, new DomainException(ErrorCode.NOT_AUTHORIZED, ACCOUNT_DISABLED));
        }
        return Optional.of(account);
    }

    /** The verifier refuses a malformed Signature header with InvalidHeader. */
    private Optional<RequestSignature> read(SignedRequest request) {
        try {
            return verifier.read(request);
        } catch (DomainException e) {
            throw refused(Reason.MALFORMED_HEADER, e);
        }
    }

    private DomainException refused(Reason reason, DomainException answer) {
        failures.refused(reason);
        return answer;
    }

    /** One answer for unknown login, unknown key, wrong key type and bad signature. */
    private DomainException rejected(Reason reason, RequestSignature signature) {
        return refused(reason, new DomainException(ErrorCode.INVALID_CREDENTIALS,
                "Invalid key or signature for keyId " + signature.keyId()));
    }
}
