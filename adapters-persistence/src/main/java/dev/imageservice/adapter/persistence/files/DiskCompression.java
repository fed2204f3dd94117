package dev.imageservice.adapter.persistence.files;

import dev.imageservice.domain.image.Compression;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ExecutorService;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The compressor of each {@link Compression}: the one place that picks a codec, for every file store.
 * gzip runs on {@code images.files.compression-workers} threads (default: one per core) at
 * {@code images.files.gzip-level} (default 6, gzip's own default); bzip2 and xz on the calling thread.
 */
@ApplicationScoped
public class DiskCompression {

    private final int gzipLevel;
    private final int workers;
    private final ExecutorService gzipWorkers;

    @Inject
    public DiskCompression(@ConfigProperty(name = "images.files.gzip-level", defaultValue = "6") int gzipLevel,
                           @ConfigProperty(name = "images.files.compression-workers", defaultValue = "0") int workers) {
        if (gzipLevel < 1 || gzipLevel > 9) {
            throw new IllegalArgumentException("images.files.gzip-level must be 1 to 9, not " + gzipLevel);
        }
        this.gzipLevel = gzipLevel;
        this.workers = workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
        this.gzipWorkers = DaemonThreads.fixedPool("gzip-worker-", this.workers);
    }

    /** Wraps {@code out} so that what is written arrives compressed; closing it finishes the format and closes {@code out}. */
    OutputStream compressing(Compression compression, OutputStream out) throws IOException {
        return switch (compression) {
            case GZIP -> new ParallelGzipOutputStream(out, gzipWorkers, workers, gzipLevel);
            case BZIP2 -> new BZip2CompressorOutputStream(out);
            case XZ -> new XZCompressorOutputStream(out);
            case NONE -> new FilterOutputStream(out) {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    out.write(bytes, offset, length);
                }
            };
        };
    }

    @PreDestroy
    void stop() {
        gzipWorkers.shutdownNow();
    }
}
