package dev.imageservice.bootstrap.observe;

import dev.imageservice.adapter.rest.pipeline.OperationNames;
import dev.imageservice.adapter.rest.pipeline.RequestIds;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Prioritized;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The gRPC side of the access log and request metrics, outermost of all interceptors so refused
 * signatures count too. A call's request id is the client's {@code x-request-id} metadata or a new
 * UUID, answered in the response headers (or in the trailers of a call that ends before any header).
 * A server fault's stack trace is logged here, once, with that id (the adapter hands it over as the
 * status's cause, which never reaches the client). A call that ends cancelled rather than closed is
 * recorded as its client saw it: the transport's own answer if the transport ended it (a request
 * over the size limit is RESOURCE_EXHAUSTED, framing it cannot read INTERNAL; see
 * {@link TransportEndings}), DEADLINE_EXCEEDED if its deadline had passed (the server was too slow for
 * the client), else CANCELLED (the client went away).
 */
@GlobalInterceptor
@ApplicationScoped
public class GrpcRequestHook implements ServerInterceptor, Prioritized {

    static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);

    private static final Logger LOG = Logger.getLogger(GrpcRequestHook.class);
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    /** The codes that mean this server failed, as a 5xx would over REST (UNIMPLEMENTED is NotAvailable, a 501). */
    private static final Set<Status.Code> SERVER_FAULTS = Set.of(Status.Code.INTERNAL, Status.Code.UNKNOWN,
            Status.Code.DATA_LOSS, Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED, Status.Code.UNIMPLEMENTED);
    /**
     * A cancel this close to the call's deadline is that deadline passing: the server's copy of it started
     * when the headers arrived, so the client's reset (which gives no reason) may come a moment before it ends.
     */
    private static final long DEADLINE_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final RequestTelemetry telemetry;

    @Inject
    public GrpcRequestHook(RequestTelemetry telemetry) {
        this.telemetry = telemetry;
    }

    /** Quarkus orders gRPC interceptors by this alone ({@code @Priority} is not read): the highest runs first. */
    @Override
    public int getPriority() {
        return Integer.MAX_VALUE;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        TransportEndings.Ending ending = TransportEndings.ofCurrentCall();
        Observed<Q, R> observed = new Observed<>(call, requestId(headers), ClaimedLogin.of(headers.get(AUTHORIZATION)),
                ending == null || ending.takenByInterceptor());
        Deadline deadline = Context.current().getDeadline();
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(observed, headers)) {
            @Override
            public void onCancel() {
                observed.record(cancelledAs(ending, deadline));
                super.onCancel();
            }
        };
    }

    /**
     * Records a call grpc-java refused before any interceptor ran (see {@link TransportEndings}). Its
     * operation is {@value OperationNames#UNROUTED}, as a REST request no route takes: the method
     * name is the client's to choose, so it stays out of the metrics' tags.
     */
    void recordRefusedBeforeInterceptors(String fullMethodName, Metadata headers, Status.Code code, long nanos) {
        telemetry.record("gRPC", OperationNames.UNROUTED, fullMethodName, code.name(), statusClass(code),
                requestId(headers), ClaimedLogin.of(headers.get(AUTHORIZATION)), nanos);
    }

    /** The client's {@code x-request-id}, or a new one. */
    private static String requestId(Metadata headers) {
        String given = headers.get(REQUEST_ID);
        return given == null || given.isBlank() ? RequestIds.newId() : given;
    }

    private static Status.Code cancelledAs(TransportEndings.Ending ending, Deadline deadline) {
        Status.Code transport = ending == null ? null : ending.endedByTransport();
        if (transport != null) {
            return transport;
        }
        return deadline != null && deadline.timeRemaining(TimeUnit.NANOSECONDS) < DEADLINE_SLACK_NANOS
                ? Status.Code.DEADLINE_EXCEEDED : Status.Code.CANCELLED;
    }

    private static String statusClass(Status.Code code) {
        return code == Status.Code.OK ? "2xx" : SERVER_FAULTS.contains(code) ? "5xx" : "4xx";
    }

    /** The call as the interceptors inside and the service see it. */
    private final class Observed<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {

        private final long started = System.nanoTime();
        private final String requestId;
        private final String login;
        /**
         * A call closed and then cancelled (or the other way round) is still one request; one the
         * transport refused before this interceptor saw it is recorded already.
         */
        private final AtomicBoolean recorded;
        private boolean headersSent;

        Observed(ServerCall<Q, R> call, String requestId, String login, boolean toRecord) {
            super(call);
            this.requestId = requestId;
            this.login = login;
            this.recorded = new AtomicBoolean(!toRecord);
        }

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
            if (status.getCause() != null && SERVER_FAULTS.contains(status.getCode())) {
                LOG.errorf(status.getCause(), "gRPC request %s (%s) failed unexpectedly", requestId,
                        getMethodDescriptor().getBareMethodName());
            }
            record(status.getCode());
            super.close(status, trailers);
        }

        void record(Status.Code code) {
            if (recorded.compareAndSet(false, true)) {
                MethodDescriptor<Q, R> method = getMethodDescriptor();
                telemetry.record("gRPC", method.getBareMethodName(), method.getFullMethodName(), code.name(),
                        statusClass(code), requestId, login, System.nanoTime() - started);
            }
        }
    }
}
