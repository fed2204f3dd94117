package dev.imageservice.adapter.grpc.stream;

import com.google.protobuf.ByteString;
import dev.imageservice.adapter.grpc.error.GrpcErrors;
import dev.imageservice.adapter.grpc.v1.ImageFileChunk;
import io.grpc.stub.ServerCallStreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.jboss.logging.Logger;

/**
 * Sends a file as chunks at the pace the client takes them: it writes only while the call is
 * ready and resumes on the next onReady, so a slow client never makes the server buffer the file.
 * The file is closed when the last chunk is out, on a read error, and when the client cancels.
 *
 * <p>gRPC delivers onReady and onCancel one at a time for a call, so no two callbacks run at once.
 */
public final class FileChunkStream {

    public static final int CHUNK_SIZE = 64 * 1024;

    private static final Logger LOG = Logger.getLogger(FileChunkStream.class);

    private final ServerCallStreamObserver<ImageFileChunk> observer;
    private final InputStream content;
    private final byte[] buffer = new byte[CHUNK_SIZE];
    private boolean finished;

    private FileChunkStream(ServerCallStreamObserver<ImageFileChunk> observer, InputStream content) {
        this.observer = observer;
        this.content = content;
    }

    /** Starts streaming; call from the service method, which grpc-java follows with a first onReady. */
    public static void start(ServerCallStreamObserver<ImageFileChunk> observer, InputStream content) {
        FileChunkStream stream = new FileChunkStream(observer, content);
        observer.setOnCancelHandler(stream::cancelled);
        observer.setOnReadyHandler(stream::drain);
    }

    private void drain() {
        try {
            while (!finished && observer.isReady() && !observer.isCancelled()) {
                int read = content.readNBytes(buffer, 0, buffer.length);
                if (read == 0) {
                    finish();
                    observer.onCompleted();
                    return;
                }
                observer.onNext(ImageFileChunk.newBuilder().setData(ByteString.copyFrom(buffer, 0, read)).build());
            }
        } catch (IOException | RuntimeException e) {
            finish();
            observer.onError(GrpcErrors.toStatusException(e instanceof IOException io ? new UncheckedIOException(io) : e));
        }
    }

    private void cancelled() {
        finish();
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            content.close();
        } catch (IOException e) {
            LOG.debug("closing a streamed image file failed", e);
        }
    }
}
