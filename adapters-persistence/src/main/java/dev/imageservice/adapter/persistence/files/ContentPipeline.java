package dev.imageservice.adapter.persistence.files;

import dev.imageservice.application.port.out.ImageFileStore.ContentSource;
import dev.imageservice.application.port.out.ImageFileStore.ExpectedContent;
import dev.imageservice.application.port.out.ImageFileStore.StoredContent;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.FieldError;
import dev.imageservice.domain.image.Compression;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The way into every image file store: the bytes stream into the store's sink (a temporary file, an
 * upload) while their SHA-1, SHA-256 and MD5 are computed, so that a store only decides where bytes
 * go and when they become visible. A raw disk is compressed on a pipeline thread while the calling
 * thread digests and writes, so compressing and digesting use two cores and nothing is held whole.
 */
@ApplicationScoped
public class ContentPipeline {

    private static final int BUFFER = 1 << 16;
    private static final int PIPE_BUFFER = 1 << 20;

    /** Compressor threads, named for thread dumps and stopped with the application. */
    private final ExecutorService compressors = Executors.newCachedThreadPool(named("image-compressor-"));
    private final DiskCompression compression;

    @Inject
    public ContentPipeline(DiskCompression compression) {
        this.compression = compression;
    }

    /** Copies content that is already in its final form into {@code sink}, digesting it. */
    public StoredContent copy(InputStream content, OutputStream sink) throws IOException {
        MessageDigest sha1 = digest("SHA-1");
        MessageDigest sha256 = digest("SHA-256");
        MessageDigest md5 = digest("MD5");
        long size = 0;
        byte[] buffer = new byte[BUFFER];
        for (int read; (read = content.read(buffer)) != -1; size += read) {
            sha1.update(buffer, 0, read);
            sha256.update(buffer, 0, read);
            md5.update(buffer, 0, read);
            sink.write(buffer, 0, read);
        }
        return new StoredContent(HexFormat.of().formatHex(sha1.digest()), HexFormat.of().formatHex(sha256.digest()),
                Base64.getEncoder().encodeToString(md5.digest()), size);
    }

    /**
     * Compresses what {@code source} writes into {@code sink}, digesting the compressed bytes. When the
     * source fails, its IOException comes back as an UncheckedIOException with the same message, and
     * what reached the sink is incomplete: the store must not keep it.
     */
    public StoredContent compress(ContentSource source, Compression compression, OutputStream sink) throws IOException {
        PipedInputStream compressed = new PipedInputStream(PIPE_BUFFER);
        PipedOutputStream producerEnd = new PipedOutputStream(compressed);
        Future<?> producer = compressors.submit(() -> {
            try (OutputStream out = this.compression.compressing(compression, producerEnd)) {
                source.writeTo(out);
            }
            return null;
        });
        StoredContent stored;
        try (compressed) {
            stored = copy(compressed, sink);
        } catch (IOException | RuntimeException e) {
            producer.cancel(true);
            throw e;
        }
        try {
            producer.get();
            return stored;
        } catch (ExecutionException e) {
            // The pipe ended early because the source failed: the content is incomplete.
            if (e.getCause() instanceof IOException failure) {
                throw new UncheckedIOException(failure.getMessage(), failure);
            }
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            producer.cancel(true);
            throw new InterruptedIOException("interrupted while compressing");
        }
    }

    /** Content that does not match what a manifest says is refused: the store must not keep it. */
    public static void check(StoredContent stored, ExpectedContent expected) {
        if (expected.size() != null && expected.size() != stored.size()) {
            throw DomainException.validationFailed(FieldError.invalid("files",
                    "file size is " + stored.size() + " bytes, the manifest says " + expected.size()));
        }
        if (expected.sha1() != null && !expected.sha1().equals(stored.sha1())) {
            throw DomainException.validationFailed(FieldError.invalid("files",
                    "file sha1 is " + stored.sha1() + ", the manifest says " + expected.sha1()));
        }
    }

    @PreDestroy
    void stop() {
        compressors.shutdownNow();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
