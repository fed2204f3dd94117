package dev.imageservice.adapter.persistence.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.application.port.out.ImageFileStore.StoredContent;
import dev.imageservice.domain.image.Compression;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Compressing into a store's sink on the calling thread: what arrives, its digests, and whose failure is whose. */
class ContentPipelineTest {

    private static final byte[] DISK = "a line of a disk\n".repeat(40_000).getBytes(StandardCharsets.US_ASCII);

    private static DiskCompression compression;
    private static ContentPipeline pipeline;

    @BeforeAll
    static void start() {
        compression = new DiskCompression(6, 2);
        pipeline = new ContentPipeline(compression);
    }

    @AfterAll
    static void stop() {
        compression.stop();
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void theSinkGetsTheWholeCompressedContentAndItsDigests(Compression codec) throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();

        // Single bytes too: the codecs that write a few bytes at a time must reach the sink all the same.
        StoredContent stored = pipeline.compress(out -> {
            out.write(DISK, 0, DISK.length - 1);
            out.write(DISK[DISK.length - 1]);
        }, codec, sink);

        byte[] held = sink.toByteArray();
        assertThat(stored.size()).isEqualTo(held.length);
        assertThat(stored.sha1()).isEqualTo(hex("SHA-1", held));
        assertThat(stored.sha256()).isEqualTo(hex("SHA-256", held));
        assertThat(stored.md5Base64()).isEqualTo(Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(held)));
        try (InputStream decompressed = decompressing(codec, new ByteArrayInputStream(held))) {
            assertThat(decompressed.readAllBytes()).isEqualTo(DISK);
        }
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void aSinkThatFailsIsTheStoresFailureWithItsOwnExceptionAndIsNotWrittenAgain(Compression codec) {
        FailingSink fillsUp = new FailingSink(20);

        assertThatThrownBy(() -> pipeline.compress(out -> {
            try {
                out.write(DISK);
            } catch (IOException e) {
                throw new IOException("writing the image file failed: " + e.getMessage(), e);
            }
        }, codec, fillsUp)).isSameAs(fillsUp.failure);
        assertThat(fillsUp.writesAfterFailing).isZero();
    }

    @Test
    void aSourceThatFailsComesBackUncheckedWithItsMessage() {
        assertThatThrownBy(() -> pipeline.compress(out -> {
            out.write(DISK);
            throw new IOException("the disk went away");
        }, Compression.GZIP, new ByteArrayOutputStream()))
                .isInstanceOf(UncheckedIOException.class).hasMessage("the disk went away");
    }

    @Test
    void aSourceThatFailsIsStillItsOwnFailureWhenTheSinkFailsAsTheStreamsClose() {
        // The few bytes stay buffered until the streams close, and the sink refuses them then.
        assertThatThrownBy(() -> pipeline.compress(out -> {
            out.write(DISK, 0, 10);
            throw new IOException("the disk went away");
        }, Compression.GZIP, new FailingSink(0)))
                .isInstanceOf(UncheckedIOException.class).hasMessage("the disk went away");
    }

    @Test
    void theWriterWaitsOnceTheBoundIsWaitingForItsDigestsAndGoesOnAsTheyAreDone() throws Exception {
        // One digesting thread, held up by a first task until the gate opens: every piece handed over waits.
        CountDownLatch gate = new CountDownLatch(1);
        ExecutorService digesters = DaemonThreads.fixedPool("held-digest-", 1);
        digesters.execute(() -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ContentPipeline held = new ContentPipeline(compression, digesters);
        byte[] piece = new byte[1 << 16];
        int pieces = 3 * ContentPipeline.MAX_UNDIGESTED / 2 / piece.length;
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        FutureTask<StoredContent> creation = new FutureTask<>(() -> held.compress(out -> {
            for (int i = 0; i < pieces; i++) {
                Arrays.fill(piece, (byte) i);
                out.write(piece);
            }
        }, Compression.NONE, sink));
        Thread writer = new Thread(creation, "writer");
        writer.setDaemon(true);
        writer.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (writer.isAlive() && sink.size() <= ContentPipeline.MAX_UNDIGESTED && !parkedOnASemaphore(writer)
                    && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }

            // Each piece reaches the sink once it is handed over: the next one is what waits for room.
            assertThat(sink.size()).as("bytes handed over, none digested").isEqualTo(ContentPipeline.MAX_UNDIGESTED);
            assertThat(parkedOnASemaphore(writer)).as("the writer waits for room").isTrue();

            gate.countDown();
            StoredContent stored = creation.get(30, TimeUnit.SECONDS);
            byte[] whole = sink.toByteArray();
            assertThat(whole).hasSize(pieces * piece.length);
            assertThat(stored.size()).isEqualTo(whole.length);
            assertThat(stored.sha256()).isEqualTo(hex("SHA-256", whole));
        } finally {
            gate.countDown();
            held.stop();
        }
    }

    private static boolean parkedOnASemaphore(Thread thread) {
        Object blocker = LockSupport.getBlocker(thread);
        return thread.getState() == Thread.State.WAITING
                && blocker != null && blocker.getClass().getEnclosingClass() == Semaphore.class;
    }

    /** A sink that fails once more than {@code capacity} bytes reached it, and counts the writes it gets after. */
    private static final class FailingSink extends OutputStream {
        final IOException failure = new IOException("No space left on device");
        private final long capacity;
        private long written;
        int writesAfterFailing;

        FailingSink(long capacity) {
            this.capacity = capacity;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int count) throws IOException {
            if (written > capacity) {
                writesAfterFailing++;
            }
            written += count;
            if (written > capacity) {
                throw failure;
            }
        }
    }

    private static String hex(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }

    private static InputStream decompressing(Compression codec, InputStream in) throws IOException {
        return switch (codec) {
            case GZIP -> new GZIPInputStream(in);
            case BZIP2 -> new BZip2CompressorInputStream(in);
            case XZ -> new XZCompressorInputStream(in);
            case NONE -> in;
        };
    }
}
