package dev.imageservice.adapter.grpc.auth;

import dev.imageservice.adapter.grpc.error.GrpcErrors;
import dev.imageservice.application.port.in.AuthenticateRequestUseCase;
import dev.imageservice.application.port.in.SignedRequest;
import dev.imageservice.domain.account.Account;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;

/**
 * Authenticates each call with CloudAPI's HTTP Signature, verified by the same port REST uses. The
 * signature travels in the metadata ({@code authorization}, {@code date}, and any other header it
 * signs); {@code (request-target)} is {@code post /<full method name>}. A refused call is closed with
 * the status of the error table before the service sees it.
 *
 * <p>Registered on the image service only (not on reflection), and it runs after
 * {@link dev.imageservice.adapter.grpc.worker.OneHopToWorker} moved the call to a worker thread, so
 * the blocking verification never holds an event loop.
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
        Account caller;
        try {
            caller = authenticator.authenticate(signedRequest(call.getMethodDescriptor().getFullMethodName(), headers));
        } catch (RuntimeException refused) {
            StatusRuntimeException status = GrpcErrors.toStatusException(refused);
            call.close(status.getStatus(), status.getTrailers());
            return new ServerCall.Listener<>() {
            };
        }
        return Contexts.interceptCall(Context.current().withValue(Caller.KEY, caller), call, headers, next);
    }

    /** Every text metadata entry is a header a client may sign; binary ({@code -bin}) entries are not. */
    static SignedRequest signedRequest(String fullMethodName, Metadata metadata) {
        Map<String, String> headers = new HashMap<>();
        for (String name : metadata.keys()) {
            if (!name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                String value = metadata.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
                if (value != null) {
                    headers.put(name, value);
                }
            }
        }
        return new SignedRequest("POST", "/" + fullMethodName, headers);
    }
}
