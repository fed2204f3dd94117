package dev.imageservice.bootstrap.observe;

import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerStreamTracer;
import io.grpc.Status;
import io.quarkus.grpc.api.ServerBuilderCustomizer;
import io.quarkus.grpc.runtime.config.GrpcServerConfiguration;
import io.vertx.grpc.VertxServerBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps in each gRPC call's context the status its stream ended with, for {@link GrpcRequestHook}:
 * a call the transport ends itself (a request over the size limit, which it answers
 * RESOURCE_EXHAUSTED; framing it cannot read, INTERNAL; a passed deadline) reaches the interceptors
 * only as onCancel, which carries no status. A call grpc-java refuses before any interceptor runs
 * (a method it does not know, an encoding it cannot read) is recorded from here, so that it too
 * has its access-log line.
 */
@ApplicationScoped
public class TransportEndings implements ServerBuilderCustomizer<VertxServerBuilder> {

    /** Absent from a server built without this tracer (Quarkus's Vert.x gRPC server): it tells nothing. */
    private static final Context.Key<Ending> KEY = Context.key("imageservice.transport-ending");

    private final GrpcRequestHook hook;

    @Inject
    public TransportEndings(GrpcRequestHook hook) {
        this.hook = hook;
    }

    @Override
    public void customize(GrpcServerConfiguration configuration, VertxServerBuilder builder) {
        builder.addStreamTracerFactory(new ServerStreamTracer.Factory() {
            @Override
            public ServerStreamTracer newServerStreamTracer(String fullMethodName, Metadata headers) {
                return new Ending(fullMethodName, headers);
            }
        });
    }

    /** The ending of the call whose context is current, or null on a server without the tracer. */
    static Ending ofCurrentCall() {
        return KEY.get();
    }

    final class Ending extends ServerStreamTracer {

        private final long started = System.nanoTime();
        private final String fullMethodName;
        private final Metadata headers;
        /** Set by the first to record the call: the interceptor when it sees the call, else this tracer. */
        private final AtomicBoolean recorded = new AtomicBoolean();
        private volatile Status status;

        Ending(String fullMethodName, Metadata headers) {
            this.fullMethodName = fullMethodName;
            this.headers = headers;
        }

        @Override
        public Context filterContext(Context context) {
            return context.withValue(KEY, this);
        }

        /**
         * The transport calls this before it tells the call's listener (onComplete or onCancel). A call
         * no interceptor took is recorded here, unless the client cancelled it: it went away before anything.
         */
        @Override
        public void streamClosed(Status status) {
            this.status = status;
            if (status.getCode() != Status.Code.CANCELLED && recorded.compareAndSet(false, true)) {
                hook.recordRefusedBeforeInterceptors(fullMethodName, headers, status.getCode(), System.nanoTime() - started);
            }
        }

        /** Whether the interceptor records this call: false when this tracer recorded it already. */
        boolean takenByInterceptor() {
            return recorded.compareAndSet(false, true);
        }

        /**
         * The code the transport ended the stream with and answered the client, or null when it did not
         * end it (the client cancelled, or the stream is still open).
         */
        Status.Code endedByTransport() {
            Status ended = status;
            return ended == null || ended.getCode() == Status.Code.CANCELLED ? null : ended.getCode();
        }
    }
}
