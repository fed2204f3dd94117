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
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;

/**
 * The way into every image file store: the bytes stream into the store's sink (a temporary file, an
 * upload) while their SHA-1, SHA-256 and MD5 are computed, so that a store only decides where bytes
 * go and when they become visible. A raw disk is compressed on the calling thread, which writes the
 * compressed bytes out and hands a copy to a digesting thread; gzip's blocks are deflated on
 * DiskCompression's workers meanwhile. Nothing is held whole: at most {@value #MAX_UNDIGESTED} bytes
 * wait for their digests.
 */
@ApplicationScoped
public class ContentPipeline {

    private static final int BUFFER = 1 << 16;
    /** Past this many bytes waiting for their digests, the compressing thread waits for the digesting one. */
    static final int MAX_UNDIGESTED = 8 << 20;

    private final DiskCompression compression;
    private final ExecutorService digesters;

    @Inject
    public ContentPipeline(DiskCompression compression) {
        this(compression, DaemonThreads.fixedPool("image-digest-", Runtime.getRuntime().availableProcessors()));
    }

    /** Digests on {@code digesters}, which the pipeline shuts down when it stops (a test holds them up). */
    ContentPipeline(DiskCompression compression, ExecutorService digesters) {
        this.compression = compression;
        this.digesters = digesters;
    }

    /** Digests already handed over still run, so no creation waits for a digest that never comes. */
    @PreDestroy
    void stop() {
        digesters.shutdown();
    }

    /** Copies content that is already in its final form into {@code sink}, digesting it. */
    public StoredContent copy(InputStream content, OutputStream sink) throws IOException {
        Digests digests = new Digests();
        byte[] buffer = new byte[BUFFER];
        for (int read; (read = content.read(buffer)) != -1; ) {
            digests.update(buffer, 0, read);
            sink.write(buffer, 0, read);
        }
        return digests.stored();
    }

    /**
     * Compresses what {@code source} writes into {@code sink}, digesting the compressed bytes. When the
     * source fails, its IOException comes back as an UncheckedIOException with the same message; when the
     * sink fails, its own IOException comes back. Either way what reached the sink is incomplete: the
     * store must not keep it.
     */
    public StoredContent compress(ContentSource source, Compression compression, OutputStream sink) throws IOException {
        DigestingSink digesting = new DigestingSink(sink, new HandedOverDigests(digesters));
        // Buffered for the codecs that write a few bytes at a time; pieces of 64 KiB or more pass straight through.
        try (OutputStream buffered = new BufferedOutputStream(digesting, BUFFER);
             OutputStream out = this.compression.compressing(compression, buffered)) {
            source.writeTo(out);
        } catch (IOException e) {
            // The sink's failure is the answer only when it is what stopped the source; a sink that then
            // fails while the source's failure closes the streams is only suppressed in it.
            if (digesting.failure != null && causedBy(e, digesting.failure)) {
                throw digesting.failure;
            }
            throw new UncheckedIOException(e.getMessage(), e);
        }
        return digesting.digests.stored();
    }

    private static boolean causedBy(Throwable thrown, IOException cause) {
        for (Throwable link = thrown; link != null; link = link.getCause()) {
            if (link == cause) {
                return true;
            }
        }
        return false;
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

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Digests computed on a digesting thread, in the order the bytes were handed over (each piece runs
     * after the one before). On a disk's random half, whose blocks gzip's workers store rather than
     * deflate, the digests were the compressing thread's largest cost and held the next blocks up.
     */
    private static final class HandedOverDigests {
        private final Digests digests = new Digests();
        private final Executor digesters;
        private final Semaphore room = new Semaphore(MAX_UNDIGESTED);
        private CompletableFuture<Void> digested = CompletableFuture.completedFuture(null);

        HandedOverDigests(Executor digesters) {
            this.digesters = digesters;
        }

        /** Copies the bytes: the caller may reuse its array at once. */
        void update(byte[] bytes, int offset, int count) throws IOException {
            byte[] copy = Arrays.copyOfRange(bytes, offset, offset + count);
            int permits = Math.min(count, MAX_UNDIGESTED);
            try {
                room.acquire(permits);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the digests");
            }
            digested = digested.thenRunAsync(() -> {
                try {
                    digests.update(copy, 0, copy.length);
                } finally {
                    room.release(permits);
                }
            }, digesters);
        }

        StoredContent stored() throws IOException {
            try {
                digested.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the digests");
            } catch (ExecutionException e) {
                throw new IOException("digesting the image file failed", e.getCause());
            }
            return digests.stored();
        }
    }

    /** The SHA-1, SHA-256 and MD5 of the bytes seen, and their count. */
    private static final class Digests {
        private final MessageDigest sha1 = digest("SHA-1");
        private final MessageDigest sha256 = digest("SHA-256");
        private final MessageDigest md5 = digest("MD5");
        private long size;

        void update(byte[] bytes, int offset, int count) {
            sha1.update(bytes, offset, count);
            sha256.update(bytes, offset, count);
            md5.update(bytes, offset, count);
            size += count;
        }

        StoredContent stored() {
            return new StoredContent(HexFormat.of().formatHex(sha1.digest()), HexFormat.of().formatHex(sha256.digest()),
                    Base64.getEncoder().encodeToString(md5.digest()), size);
        }
    }

    /**
     * Digests what passes on to the store's sink and remembers the sink's failure, so that it is told
     * from the source's. Once the sink failed, nothing more reaches it (closing the compressing streams
     * would flush their remaining blocks, and an upload would retry each). Closing it leaves the sink
     * open: the store finishes or abandons it.
     */
    private static final class DigestingSink extends OutputStream {
        private final OutputStream sink;
        private final HandedOverDigests digests;
        private IOException failure;

        DigestingSink(OutputStream sink, HandedOverDigests digests) {
            this.sink = sink;
            this.digests = digests;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int count) throws IOException {
            if (failure != null) {
                throw failure;
            }
            digests.update(bytes, offset, count);
            try {
                sink.write(bytes, offset, count);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }
    }
}
