package dev.imageservice.bootstrap.observe;

import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerStreamTracer;
import io.grpc.Status;
import io.quarkus.grpc.api.ServerBuilderCustomizer;
import io.quarkus.grpc.runtime.config.GrpcServerConfiguration;
import io.vertx.grpc.VertxServerBuilder;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps in each gRPC call's context the status its stream ended with, for {@link GrpcRequestHook}:
 * a call the transport ends itself (a request over the size limit, which it answers
 * RESOURCE_EXHAUSTED; framing it cannot read, INTERNAL; a passed deadline) reaches the interceptors
 * only as onCancel, which carries no status.
 */
@ApplicationScoped
public class TransportEndings implements ServerBuilderCustomizer<VertxServerBuilder> {

    /** A server built without this tracer (Quarkus's Vert.x gRPC server) tells nothing: no call ends refused. */
    private static final Context.Key<Ending> KEY = Context.keyWithDefault("imageservice.transport-ending", new Ending());

    @Override
    public void customize(GrpcServerConfiguration configuration, VertxServerBuilder builder) {
        builder.addStreamTracerFactory(new ServerStreamTracer.Factory() {
            @Override
            public ServerStreamTracer newServerStreamTracer(String fullMethodName, Metadata headers) {
                return new Ending();
            }
        });
    }

    /** The ending of the call whose context is current. */
    static Ending ofCurrentCall() {
        return KEY.get();
    }

    static final class Ending extends ServerStreamTracer {

        private volatile Status status;

        @Override
        public Context filterContext(Context context) {
            return context.withValue(KEY, this);
        }

        /** The transport calls this before it tells the call's listener (onComplete or onCancel). */
        @Override
        public void streamClosed(Status status) {
            this.status = status;
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
