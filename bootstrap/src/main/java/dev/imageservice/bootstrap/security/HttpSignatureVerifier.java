package dev.imageservice.bootstrap.security;

import dev.imageservice.application.port.in.SignedRequest;
import dev.imageservice.application.port.out.RequestSignature;
import dev.imageservice.application.port.out.SignatureVerifier;
import dev.imageservice.bootstrap.security.SshPublicKeys.Family;
import dev.imageservice.bootstrap.security.SshPublicKeys.OpenSshKey;
import dev.imageservice.domain.account.SshKey;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * CloudAPI's HTTP Signature mechanics, shared by the REST and the gRPC adapter through the
 * application: reads the Authorization header, rebuilds the signing string from the request and
 * verifies it with JCA against a stored OpenSSH key.
 */
@Singleton
public class HttpSignatureVerifier implements SignatureVerifier {

    private static final String REQUEST_TARGET = "(request-target)";
    /** Far more keys than sign in a while; past it the cache starts again empty. */
    private static final int MAX_VERIFYING_KEYS = 10_000;
    /** Far more than clients sign in a few seconds; past it the memo starts again empty. */
    private static final int MAX_VERIFIED_SIGNATURES = 4_096;
    /**
     * Only signing strings this short are remembered (a signed Date and request target take about 100
     * characters): with signatures of at most 512 bytes and the key text shared with the credential
     * cache, the memo holds a few MiB at most, whatever headers clients choose to sign.
     */
    static final int MAX_REMEMBERED_SIGNING_STRING = 1_024;

    private final Map<String, Optional<VerifyingKey>> verifyingKeys = new ConcurrentHashMap<>();
    private final Set<VerifiedSignature> verifiedSignatures = ConcurrentHashMap.newKeySet();
    /**
     * Clients sign many requests within one second with the same Date and Authorization headers; parsing
     * an RFC 1123 date, or the header's parameters, costs about as much as the rest of reading the request.
     */
    private final LastParsed<Instant> lastDate = new LastParsed<>();
    private final LastParsed<SignatureAuthorization> lastAuthorization = new LastParsed<>();

    @Override
    public Optional<RequestSignature> read(SignedRequest request) {
        String authorization = request.header("authorization");
        if (authorization == null || authorization.isBlank()
                || !SignatureAuthorization.usesSignatureScheme(authorization)) {
            return Optional.empty();
        }
        SignatureAuthorization signature = lastAuthorization.of(authorization, SignatureAuthorization::parse);
        if (SignatureAlgorithm.byWireName(signature.algorithm()).isEmpty()) {
            throw invalidHeader(signature.algorithm() + " is not a supported signing algorithm");
        }
        String dateHeader = dateHeader(signature);
        Instant signedAt = parseDate(request.header(dateHeader), dateHeader);
        return Optional.of(new RequestSignature(signature.keyId(), dateHeader, signedAt, signature.algorithm(),
                signingString(signature, request), signature.signature()));
    }

    /**
     * Whether the key made the signature, remembering the ones that verified: a verification is a pure
     * function of the key, algorithm, signing string and signature, and a client signs every request of
     * one second with the same date, so the same signature often comes again. Only what verified is
     * kept, so made-up signatures cannot fill the memo; whether the key still belongs to the account
     * and the date is still recent is judged by the caller on every request, not here.
     */
    @Override
    public boolean isSignedBy(RequestSignature signature, SshKey key) {
        VerifiedSignature candidate = new VerifiedSignature(key.publicKeyText(), signature.algorithm(),
                signature.signingString(), ByteBuffer.wrap(signature.signature()));
        boolean rememberable = signature.signingString().length() <= MAX_REMEMBERED_SIGNING_STRING;
        if (rememberable && verifiedSignatures.contains(candidate)) {
            return true;
        }
        boolean verified = verify(signature, key);
        if (verified && rememberable) {
            if (verifiedSignatures.size() >= MAX_VERIFIED_SIGNATURES) {
                verifiedSignatures.clear();
            }
            verifiedSignatures.add(candidate);
        }
        return verified;
    }

    /** How many verified signatures are remembered now. */
    int rememberedSignatures() {
        return verifiedSignatures.size();
    }

    private boolean verify(RequestSignature signature, SshKey key) {
        SignatureAlgorithm algorithm = SignatureAlgorithm.byWireName(signature.algorithm()).orElseThrow();
        Optional<VerifyingKey> stored = verifyingKey(key.publicKeyText());
        // An rsa-* claim is verified only by an RSA key, ecdsa-* by EC, ed25519-* by Ed25519.
        if (stored.isEmpty() || stored.get().family() != algorithm.keyFamily()) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(algorithm.jcaName());
            verifier.initVerify(stored.get().publicKey());
            verifier.update(signature.signingString().getBytes(StandardCharsets.UTF_8));
            return verifier.verify(signature.signature());
        } catch (GeneralSecurityException malformedSignature) {
            // e.g. ECDSA bytes that are not DER, an Ed25519 signature that is not 64 bytes
            return false;
        }
    }

    /**
     * The stored key line as a JCA key, read once: the same few keys sign request after request, and
     * reading one (BouncyCastle, then a KeyFactory) costs about as much as the verification. Keyed by
     * the line itself, so an entry can never be stale; a line that does not read is empty.
     */
    private Optional<VerifyingKey> verifyingKey(String publicKeyText) {
        Optional<VerifyingKey> known = verifyingKeys.get(publicKeyText);
        if (known != null) {
            return known;
        }
        Optional<VerifyingKey> read;
        try {
            OpenSshKey parsed = OpenSshKey.read(publicKeyText);
            read = Optional.of(new VerifyingKey(parsed.family(), parsed.toPublicKey()));
        } catch (DomainException unreadable) {
            read = Optional.empty();
        }
        if (verifyingKeys.size() >= MAX_VERIFYING_KEYS) {
            verifyingKeys.clear();
        }
        verifyingKeys.put(publicKeyText, read);
        return read;
    }

    private record VerifyingKey(Family family, PublicKey publicKey) {
    }

    /** A ByteBuffer compares its bytes, where a byte[] component would compare identity. */
    private record VerifiedSignature(String publicKeyText, String algorithm, String signingString, ByteBuffer signature) {
    }

    /** The header that carries the signed date: {@code x-date} if signed, else {@code date}, which must be. */
    private static String dateHeader(SignatureAuthorization signature) {
        if (signature.headers() == null) {
            return "date"; // the legacy form and a header list left out both sign the Date
        }
        if (signature.headers().contains("x-date")) {
            return "x-date";
        }
        if (signature.headers().contains("date")) {
            return "date";
        }
        throw invalidHeader("the date header must be signed");
    }

    /**
     * One {@code name: value} line per signed header, joined by '\n'; the legacy form without a
     * header list signs the bare Date value.
     */
    private static String signingString(SignatureAuthorization signature, SignedRequest request) {
        if (signature.legacy() && signature.headers() == null) {
            return request.header("date");
        }
        List<String> signed = signature.headers() == null ? List.of("date") : signature.headers();
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

    private Instant parseDate(String value, String name) {
        if (value == null) {
            throw invalidHeader(name + " header missing");
        }
        return lastDate.of(value, text -> {
            try {
                return ZonedDateTime.parse(text.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                throw invalidHeader(name + " header is not an RFC 1123 date: " + text);
            }
        });
    }

    /** The last text that parsed and what it parsed to; a text that fails to parse is not kept. */
    private static final class LastParsed<T> {

        /** Replaced whole, never changed in place: a racing reader sees one entry or the other. */
        private volatile Entry<T> last;

        T of(String text, Function<String, T> parse) {
            Entry<T> entry = last;
            if (entry != null && entry.text().equals(text)) {
                return entry.parsed();
            }
            T parsed = parse.apply(text);
            last = new Entry<>(text, parsed);
            return parsed;
        }

        private record Entry<T>(String text, T parsed) {
        }
    }

    private static DomainException invalidHeader(String message) {
        return new DomainException(ErrorCode.INVALID_HEADER, message);
    }
}
