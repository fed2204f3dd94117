package dev.imageservice.bootstrap.grpc;

import dev.imageservice.bootstrap.rest.TestKey;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Signs every call as a CloudAPI client signs a request: {@code headers="(request-target) date"}
 * with {@code (request-target) = post /<full method name>}, the signature in {@code authorization}
 * and the date in {@code date}. The variants break one thing each, for the authentication tests.
 */
public final class SigningInterceptor implements ClientInterceptor {

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> DATE = Metadata.Key.of("date", Metadata.ASCII_STRING_MARSHALLER);
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    /** The base64 rsa-sha256 signature of a signing string. */
    private final UnaryOperator<String> sign;
    private final String keyId;
    private final Duration clockSkew;
    /** When set, the signature covers this method instead of the one called (a replayed signature). */
    private final String signedMethod;

    private SigningInterceptor(UnaryOperator<String> sign, String keyId, Duration clockSkew, String signedMethod) {
        this.sign = sign;
        this.keyId = keyId;
        this.clockSkew = clockSkew;
        this.signedMethod = signedMethod;
    }

    static SigningInterceptor as(TestKey key, String keyId) {
        return signingWith(key::sign, keyId);
    }

    /** Signs with a key held elsewhere, e.g. a packaged server's client account's private key file. */
    public static SigningInterceptor signingWith(UnaryOperator<String> sign, String keyId) {
        return new SigningInterceptor(sign, keyId, Duration.ZERO, null);
    }

    SigningInterceptor withClockSkew(Duration skew) {
        return new SigningInterceptor(sign, keyId, skew, signedMethod);
    }

    SigningInterceptor signingFor(String fullMethodName) {
        return new SigningInterceptor(sign, keyId, clockSkew, fullMethodName);
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                headers.merge(headersFor(method.getFullMethodName()));
                super.start(listener, headers);
            }
        };
    }

    /** The date and authorization that sign a call of {@code fullMethodName} now, for a client that writes its own frames. */
    Metadata headersFor(String fullMethodName) {
        String date = HTTP_DATE.format(Instant.now().plus(clockSkew));
        String target = "/" + (signedMethod == null ? fullMethodName : signedMethod);
        String signature = sign.apply("(request-target): post " + target + "\ndate: " + date);
        Metadata headers = new Metadata();
        headers.put(DATE, date);
        headers.put(AUTHORIZATION, "Signature keyId=\"" + keyId + "\",algorithm=\"rsa-sha256\","
                + "headers=\"(request-target) date\",signature=\"" + signature + "\"");
        return headers;
    }
}
