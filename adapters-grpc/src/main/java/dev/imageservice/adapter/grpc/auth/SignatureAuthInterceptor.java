package dev.imageservice.adapter.grpc.auth;

import dev.imageservice.adapter.grpc.error.GrpcErrors;
import dev.imageservice.application.port.in.AuthenticateRequestUseCase;
import dev.imageservice.application.port.in.SignedRequest;
import dev.imageservice.domain.account.Account;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Authenticates each call with CloudAPI's HTTP Signature, verified by the same port REST uses. The
 * signature travels in the metadata ({@code authorization}, {@code date}, and any other header it
 * signs); {@code (request-target)} is {@code post /<full method name>}. A refused call is closed with
 * the status of the error table before the service sees it.
 *
 * <p>Registered on the image service only (not on reflection), and it runs after
 * {@link dev.imageservice.adapter.grpc.worker.OneHopToWorker} moved the call to a worker thread, so
 * the blocking verification never holds an event loop. Only {@link #authenticateFromMemory} runs on
 * the event loop, for a call that may be answered there; the caller it finds is not checked again.
 */
@ApplicationScoped
public class SignatureAuthInterceptor implements ServerInterceptor {

    private final AuthenticateRequestUseCase authenticator;

    @Inject
    public SignatureAuthInterceptor(AuthenticateRequestUseCase authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        if (Caller.KEY.get() != null) {
            // Authenticated on the event loop already (authenticateFromMemory), in the context the call runs in.
            return next.startCall(call, headers);
        }
        Account caller;
        try {
            caller = authenticator.authenticate(signedRequest(call.getMethodDescriptor(), headers));
        } catch (RuntimeException refused) {
            GrpcErrors.close(call, refused);
            return new ServerCall.Listener<>() {
            };
        }
        return Contexts.interceptCall(Context.current().withValue(Caller.KEY, caller), call, headers, next);
    }

    /**
     * This interceptor's check without reading anything, for the event loop: the current gRPC context with
     * the call's caller when the signer's keys are at hand; empty when they are not, before any check that
     * needs them. A call run in that context is not checked again. A refusal is thrown, as the use case throws it.
     */
    public Optional<Context> authenticateFromMemory(MethodDescriptor<?, ?> method, Metadata headers) {
        return authenticator.authenticateFromMemory(signedRequest(method, headers))
                .map(caller -> Context.current().withValue(Caller.KEY, caller));
    }

    /** Every text metadata entry is a header a client may sign; binary ({@code -bin}) entries are not. */
    static SignedRequest signedRequest(MethodDescriptor<?, ?> method, Metadata metadata) {
        Map<String, String> headers = new HashMap<>();
        for (String name : metadata.keys()) {
            if (!name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                String value = metadata.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
                if (value != null) {
                    headers.put(name, value);
                }
            }
        }
        return new SignedRequest("POST", "/" + method.getFullMethodName(), headers);
    }
}
