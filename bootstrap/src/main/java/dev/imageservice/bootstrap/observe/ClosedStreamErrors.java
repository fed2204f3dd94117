package dev.imageservice.bootstrap.observe;

import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A client that resets a stream while the server still has messages queued for it (a cancelled
 * StreamImages or file download whose window was full) makes Netty fail those writes with a
 * STREAM_CLOSED stream error, which grpc-java logs as a WARNING with a stack trace (grpc-java
 * #1578). It is no fault: the client went away, and the access log has the call. grpc-java itself
 * logs the same error at FINE once the stream is gone; this does so for all of them, and for no
 * other record of that logger.
 */
@ApplicationScoped
public class ClosedStreamErrors implements Filter {

    private final Logger logger = Logger.getLogger("io.grpc.netty.NettyServerHandler");

    void install(@Observes StartupEvent started) {
        logger.setFilter(this);
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record.getThrown() instanceof Http2Exception.StreamException error
                && error.error() == Http2Error.STREAM_CLOSED) {
            record.setLevel(Level.FINE);
            return logger.isLoggable(Level.FINE);
        }
        return true;
    }
}
