package dev.imageservice.application.port.out;

import java.time.Instant;

/**
 * A request's HTTP Signature as {@link SignatureVerifier#read} found it. The application finds the
 * account and key by {@code keyId} and judges {@code signedAt}; the rest is for the verifier alone.
 *
 * @param keyId         the keyId parameter exactly as sent
 * @param dateHeader    the name of the signed date header ({@code date} or {@code x-date}), for messages
 * @param signedAt      that header's value
 * @param algorithm     the algorithm parameter, one the verifier supports
 * @param signingString the text the signature covers, rebuilt from the request
 * @param signature     the decoded signature bytes
 */
public record RequestSignature(String keyId, String dateHeader, Instant signedAt, String algorithm,
                               String signingString, byte[] signature) {
}
