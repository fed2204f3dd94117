package dev.imageservice.bootstrap.observe;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The gRPC side of the access log and request metrics, outermost of all interceptors so refused
 * signatures count too. A call's request id is the client's {@code x-request-id} metadata or a new
 * UUID, answered in the response headers (or in the trailers of a call that ends before any header).
 * A server fault's stack trace is logged here, once, with that id (the adapter hands it over as the
 * status's cause, which never reaches the client).
 */
@GlobalInterceptor
@Priority(Integer.MAX_VALUE)
@ApplicationScoped
public class GrpcRequestHook implements ServerInterceptor {

    static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);

    private static final Logger LOG = Logger.getLogger(GrpcRequestHook.class);
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    /** The codes that mean this server failed, as a 5xx would over REST (UNIMPLEMENTED is NotAvailable, a 501). */
    private static final Set<Status.Code> SERVER_FAULTS = Set.of(Status.Code.INTERNAL, Status.Code.UNKNOWN,
            Status.Code.DATA_LOSS, Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED, Status.Code.UNIMPLEMENTED);

    private final RequestTelemetry telemetry;

    @Inject
    public GrpcRequestHook(RequestTelemetry telemetry) {
        this.telemetry = telemetry;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        long started = System.nanoTime();
        String given = headers.get(REQUEST_ID);
        String requestId = given == null || given.isBlank() ? UUID.randomUUID().toString() : given;
        String login = ClaimedLogin.of(headers.get(AUTHORIZATION));
        return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            private boolean headersSent;

            @Override
            public void sendHeaders(Metadata responseHeaders) {
                responseHeaders.put(REQUEST_ID, requestId);
                headersSent = true;
                super.sendHeaders(responseHeaders);
            }

            @Override
            public void close(Status status, Metadata trailers) {
                if (!headersSent) {
                    trailers.put(REQUEST_ID, requestId);
                }
                String method = call.getMethodDescriptor().getFullMethodName();
                String operation = call.getMethodDescriptor().getBareMethodName();
                if (status.getCause() != null && SERVER_FAULTS.contains(status.getCode())) {
                    LOG.errorf(status.getCause(), "gRPC request %s (%s) failed unexpectedly", requestId, operation);
                }
                telemetry.record("gRPC", operation, method, status.getCode().name(), statusClass(status.getCode()),
                        requestId, login, System.nanoTime() - started);
                super.close(status, trailers);
            }
        }, headers);
    }

    private static String statusClass(Status.Code code) {
        return code == Status.Code.OK ? "2xx" : SERVER_FAULTS.contains(code) ? "5xx" : "4xx";
    }
}
