package dev.imageservice.bootstrap.openapi;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Signs each request of the generated client (library {@code native}) with CloudAPI's HTTP
 * Signature: a {@code Date} of now, and {@code Authorization: Signature keyId=...,
 * algorithm="rsa-sha256",headers="(request-target) date",signature=...} over
 * {@code (request-target): <method> <path?query>} and {@code date: <Date>}. Install it with
 * {@code apiClient.setRequestInterceptor(new HttpSignatureInterceptor(login, fingerprint, key))}.
 * The generated code calls it last, when method, URI and body are set.
 */
public final class HttpSignatureInterceptor implements Consumer<HttpRequest.Builder> {

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    private final String keyId;
    private final PrivateKey privateKey;
    private final Clock clock;

    /**
     * @param login          the account's login
     * @param md5Fingerprint the key's MD5 fingerprint as {@code ssh-keygen -l -E md5} prints it, without {@code MD5:}
     * @param privateKey     the RSA private key of that key pair
     */
    public HttpSignatureInterceptor(String login, String md5Fingerprint, PrivateKey privateKey) {
        this(login, md5Fingerprint, privateKey, Clock.systemUTC());
    }

    HttpSignatureInterceptor(String login, String md5Fingerprint, PrivateKey privateKey, Clock clock) {
        this.keyId = "/" + login + "/keys/" + md5Fingerprint;
        this.privateKey = privateKey;
        this.clock = clock;
    }

    @Override
    public void accept(HttpRequest.Builder builder) {
        // HttpRequest.Builder has no getters: read method and URI from a copy.
        HttpRequest request = builder.copy().build();
        URI uri = request.uri();
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String date = HTTP_DATE.format(ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC));
        String signingString = "(request-target): " + request.method().toLowerCase(Locale.ROOT) + " " + target
                + "\ndate: " + date;
        builder.setHeader("Date", date);
        builder.setHeader("Authorization", "Signature keyId=\"" + keyId + "\",algorithm=\"rsa-sha256\","
                + "headers=\"(request-target) date\",signature=\"" + sign(signingString) + "\"");
    }

    private String sign(String signingString) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey);
            signature.update(signingString.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing the request failed", e);
        }
    }
}
