package dev.imageservice.bootstrap.observe;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records of grpc-java's Netty transport that report what a client did, not a fault of the server's,
 * logged at FINE instead of as a WARNING with a stack trace; the access log has the call. Each is
 * matched on its own logger, whose other records are untouched, which a level for the whole
 * category would not leave them.
 *
 * <ul>
 *   <li>A client that resets a stream while the server still has messages queued for it (a cancelled
 *       StreamImages or file download whose window was full) makes Netty fail those writes with a
 *       STREAM_CLOSED stream error, which NettyServerHandler logs (grpc-java #1578). It logs the
 *       same error at FINE itself once the stream is gone.
 *   <li>A request the client framed wrong is refused by the deframer, which NettyServerStream logs as
 *       "Exception processing message" before it answers the client: RESOURCE_EXHAUSTED for a length
 *       prefix over the size limit, INTERNAL (the transport's choice, which the server cannot change)
 *       for a compressed flag with no encoding to undo it, reserved flag bits set, or a stream that
 *       ends inside a message. Its other failures (a server fault) stay WARNINGs.
 * </ul>
 */
@ApplicationScoped
public class ClientTransportErrors {

    /** grpc-java's deframer's words (1.79) for a request framed wrong; worded otherwise, a record stays a WARNING. */
    private static final Set<String> MISFRAMED = Set.of(
            "Can't decode compressed gRPC message as compression not configured",
            "gRPC frame header malformed: reserved bits not zero",
            "Encountered end-of-stream mid-frame");

    /** Held: java.util.logging may keep a logger, and so its filter, only weakly. */
    private final List<Logger> filtered = new ArrayList<>();

    void install(@Observes StartupEvent started) {
        demote("io.grpc.netty.NettyServerHandler",
                thrown -> thrown instanceof Http2Exception.StreamException error && error.error() == Http2Error.STREAM_CLOSED);
        demote("io.grpc.netty.NettyServerStream", thrown -> thrown instanceof StatusRuntimeException refused
                && malformedRequest(refused.getStatus()));
    }

    private static boolean malformedRequest(Status refused) {
        return refused.getCode() == Status.Code.RESOURCE_EXHAUSTED
                || refused.getCode() == Status.Code.INTERNAL && MISFRAMED.contains(refused.getDescription());
    }

    private void demote(String loggerName, Predicate<Throwable> clientCaused) {
        Logger logger = Logger.getLogger(loggerName);
        logger.setFilter(record -> {
            if (clientCaused.test(record.getThrown())) {
                record.setLevel(Level.FINE);
                return logger.isLoggable(Level.FINE);
            }
            return true;
        });
        filtered.add(logger);
    }
}
