package dev.imageservice.adapter.grpc.error;

import io.grpc.Decompressor;
import io.grpc.DecompressorRegistry;
import io.quarkus.grpc.api.ServerBuilderCustomizer;
import io.quarkus.grpc.runtime.config.GrpcServerConfiguration;
import io.vertx.grpc.VertxServerBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * The server's gzip for requests, grpc-java's except that a message that is no gzip at all fails
 * when it is read, not when the transport opens it: grpc-java's reads the gzip header at once, and
 * its transport then ends the call UNKNOWN itself (with a WARNING and a stack trace). Read later,
 * {@link UnreadableRequests} refuses it as the client's InvalidArgument, as it does gzip whose
 * deflated bytes are corrupt.
 */
@ApplicationScoped
public class DeferredGzip implements ServerBuilderCustomizer<VertxServerBuilder>, Decompressor {

    @Override
    public void customize(GrpcServerConfiguration configuration, VertxServerBuilder builder) {
        builder.decompressorRegistry(DecompressorRegistry.getDefaultInstance().with(this, true));
    }

    @Override
    public String getMessageEncoding() {
        return "gzip";
    }

    @Override
    public InputStream decompress(InputStream compressed) {
        try {
            return new GZIPInputStream(compressed);
        } catch (IOException notGzip) {
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    throw notGzip;
                }
            };
        }
    }
}
