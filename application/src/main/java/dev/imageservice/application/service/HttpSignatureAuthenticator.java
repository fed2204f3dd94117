package dev.imageservice.application.service;

import dev.imageservice.application.port.in.AuthenticateRequestUseCase;
import dev.imageservice.application.port.in.SignedRequest;
import dev.imageservice.application.port.out.Accounts;
import dev.imageservice.application.service.SshPublicKeys.OpenSshKey;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.account.SshKey;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CloudAPI's HTTP Signature authentication (REFERENCE-BEHAVIOUR §7). Problems with the header
 * itself answer InvalidHeader before any account is looked up; an unknown login, an unknown key,
 * a key of the wrong type and a bad signature all answer the same InvalidCredentials, so a caller
 * cannot tell which one it was. A disabled account is told so only after its signature verified.
 */
@Singleton
class HttpSignatureAuthenticator implements AuthenticateRequestUseCase {

    static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(300);
    static final String MUST_AUTHENTICATE = "You must make authenticated requests to use CloudAPI";
    static final String ACCOUNT_DISABLED = "Account or user is disabled";

    /**
     * {@code /LOGIN/keys/KEY} or a sub-user's {@code /LOGIN/users/USER/keys/KEY}. KEY takes the
     * rest of the string: a {@code SHA256:} fingerprint is base64 and may contain '/'.
     */
    private static final Pattern KEY_ID = Pattern.compile("/([^/]+)/(?:users/([^/]+)/)?keys/(.+)");
    private static final String REQUEST_TARGET = "(request-target)";

    private final Accounts accounts;
    private final Clock clock;

    @Inject
    HttpSignatureAuthenticator(Accounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Account authenticate(SignedRequest request) {
        String authorization = request.header("authorization");
        // The reference ignores other schemes (Basic included) and then finds no caller.
        if (authorization == null || authorization.isBlank()
                || !SignatureAuthorization.usesSignatureScheme(authorization)) {
            throw new DomainException(ErrorCode.INVALID_CREDENTIALS, MUST_AUTHENTICATE);
        }
        SignatureAuthorization signature = SignatureAuthorization.parse(authorization);
        SignatureAlgorithm algorithm = SignatureAlgorithm.byWireName(signature.algorithm())
                .orElseThrow(() -> invalidHeader(signature.algorithm() + " is not a supported signing algorithm"));
        String signingString = signingString(signature, request);

        Matcher keyId = KEY_ID.matcher(signature.keyId());
        if (!keyId.matches()) {
            throw new DomainException(ErrorCode.INVALID_CREDENTIALS,
                    "Invalid KeyId " + signature.keyId() + " in authorization header");
        }
        // A sub-user's keyId (group 2) is accepted as its account: this service has no sub-users,
        // so the key must be one of the account's own keys and the request acts as the account.
        String login = keyId.group(1);
        String keyName = keyId.group(3);
        Account account = accounts.findByLogin(login).orElseThrow(() -> rejected(signature));
        SshKey key = accounts.keysOf(account.id()).stream()
                .filter(candidate -> candidate.isNamedBy(keyName))
                .findFirst()
                .orElseThrow(() -> rejected(signature));
        if (!verifies(key, algorithm, signingString, signature.signature())) {
            throw rejected(signature);
        }
        if (account.disabled()) {
            throw new DomainException(ErrorCode.NOT_AUTHORIZED, ACCOUNT_DISABLED);
        }
        return account;
    }

    /**
     * One {@code name: value} line per signed header, joined by '\n'; the legacy form without a
     * header list signs the bare Date value. Checks that a date is signed, present and recent.
     */
    private String signingString(SignatureAuthorization signature, SignedRequest request) {
        if (signature.legacy() && signature.headers() == null) {
            checkDate(request.header("date"), "date");
            return request.header("date");
        }
        List<String> signed = signature.headers() == null ? List.of("date") : signature.headers();
        String dateHeader = signed.contains("x-date") ? "x-date" : signed.contains("date") ? "date" : null;
        if (dateHeader == null) {
            throw invalidHeader("the date header must be signed");
        }
        checkDate(request.header(dateHeader), dateHeader);
        StringBuilder lines = new StringBuilder();
        for (String name : signed) {
            String value;
            if (name.equals(REQUEST_TARGET)) {
                value = request.method().toLowerCase(Locale.ROOT) + " " + request.requestTarget();
            } else {
                value = Optional.ofNullable(request.header(name))
                        .orElseThrow(() -> invalidHeader("signed header " + name + " is missing"));
            }
            if (!lines.isEmpty()) {
                lines.append('\n');
            }
            lines.append(name).append(": ").append(value);
        }
        return lines.toString();
    }

    private void checkDate(String value, String name) {
        if (value == null) {
            throw invalidHeader(name + " header missing");
        }
        Instant date;
        try {
            date = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw invalidHeader(name + " header is not an RFC 1123 date: " + value);
        }
        if (Duration.between(date, clock.instant()).abs().compareTo(MAX_CLOCK_SKEW) > 0) {
            throw invalidHeader("clock skew of " + name + " header exceeds " + MAX_CLOCK_SKEW.toSeconds() + " seconds");
        }
    }

    private static boolean verifies(SshKey key, SignatureAlgorithm algorithm, String signingString, byte[] signature) {
        OpenSshKey stored;
        try {
            stored = OpenSshKey.read(key.publicKeyText());
        } catch (DomainException unreadable) {
            return false;
        }
        // An rsa-* claim is verified only by an RSA key, ecdsa-* by EC, ed25519-* by Ed25519.
        if (stored.family() != algorithm.keyFamily()) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(algorithm.jcaName());
            verifier.initVerify(stored.toPublicKey());
            verifier.update(signingString.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(signature);
        } catch (GeneralSecurityException malformedSignature) {
            // e.g. ECDSA bytes that are not DER, an Ed25519 signature that is not 64 bytes
            return false;
        }
    }

    private static DomainException invalidHeader(String message) {
        return new DomainException(ErrorCode.INVALID_HEADER, message);
    }

    /** One answer for unknown login, unknown key, wrong key type and bad signature. */
    private static DomainException rejected(SignatureAuthorization signature) {
        return new DomainException(ErrorCode.INVALID_CREDENTIALS,
                "Invalid key or signature for keyId " + signature.keyId());
    }
}
