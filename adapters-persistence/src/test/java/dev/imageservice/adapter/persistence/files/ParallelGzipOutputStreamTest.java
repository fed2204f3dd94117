package dev.imageservice.adapter.persistence.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parallel gzip stream against the JDK's reader and the gzip program, at block boundaries and across them. */
class ParallelGzipOutputStreamTest {

    private static ExecutorService workers;

    @BeforeAll
    static void start() {
        workers = Executors.newFixedThreadPool(3);
    }

    @AfterAll
    static void stop() {
        workers.shutdownNow();
    }

    @Test
    void readsBackToTheSameBytesWhateverTheLengthAndTheWrites() throws IOException {
        int block = ParallelGzipOutputStream.BLOCK;
        for (int length : new int[] {0, 1, block - 1, block, block + 1, 5 * block, 7 * block + 12345}) {
            byte[] content = halfRandomHalfText(length);
            assertThat(gunzip(gzip(content, 3, 6, 1000))).as("%d bytes in small writes", length).isEqualTo(content);
            assertThat(gunzip(gzip(content, 1, 1, Integer.MAX_VALUE))).as("%d bytes in one write", length).isEqualTo(content);
        }
    }

    @Test
    void gzipReadsItAndTheRatioIsThatOfOneDeflateStream(@TempDir Path dir) throws Exception {
        byte[] content = halfRandomHalfText(3 * 1024 * 1024 + 17);
        byte[] compressed = gzip(content, 3, 6, 65536);
        Path file = dir.resolve("content.gz");
        Files.write(file, compressed);

        Process gzip = new ProcessBuilder("gzip", "-dc", file.toString()).redirectErrorStream(false).start();
        byte[] decompressed;
        try (InputStream out = gzip.getInputStream()) {
            decompressed = out.readAllBytes();
        }
        assertThat(gzip.waitFor()).isZero();
        assertThat(decompressed).isEqualTo(content);

        // Each block keeps its predecessor's last 32 KiB as dictionary: within 0.1 % (without it, 0.5 % larger here).
        ByteArrayOutputStream single = new ByteArrayOutputStream();
        try (OutputStream out = new DeflaterOutputStream(single, new Deflater(6, true))) {
            out.write(content);
        }
        assertThat((double) compressed.length).isLessThan(single.size() * 1.001);
    }

    @Test
    void onlyBlocksThatDoNotCompressAreStored() {
        int block = ParallelGzipOutputStream.BLOCK;
        byte[] random = new byte[block];
        new Random(7).nextBytes(random);
        byte[] text = halfRandomHalfText(2 * block);
        byte[] textBlock = java.util.Arrays.copyOfRange(text, block, 2 * block);
        // Random bytes first, text for the rest: deflate still gains on most of it.
        byte[] mixed = textBlock.clone();
        System.arraycopy(random, 0, mixed, 0, block / 3);
        // Random bytes but for the last sample's text: the first sample alone does not settle it.
        byte[] textAtTheEnd = random.clone();
        System.arraycopy(textBlock, 0, textAtTheEnd, block - block / 4, block / 4);
        // Random bytes but for 100 zeros that the first sample starts with: they shrink that sample by
        // 2 %, all four samples by only 0.6 %.
        byte[] zerosFirst = random.clone();
        java.util.Arrays.fill(zerosFirst, 0, 100, (byte) 0);

        assertThat(ParallelGzipOutputStream.incompressible(random, block)).isTrue();
        assertThat(ParallelGzipOutputStream.incompressible(textBlock, block)).isFalse();
        assertThat(ParallelGzipOutputStream.incompressible(mixed, block)).isFalse();
        assertThat(ParallelGzipOutputStream.incompressible(textAtTheEnd, block)).isFalse();
        assertThat(ParallelGzipOutputStream.incompressible(zerosFirst, block)).isTrue();
        assertThat(ParallelGzipOutputStream.incompressible(random, 3)).as("too short to sample").isFalse();
    }

    private static byte[] gzip(byte[] content, int threads, int level, int writeSize) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream out = new ParallelGzipOutputStream(compressed, workers, threads, level)) {
            for (int at = 0; at < content.length; at += writeSize) {
                out.write(content, at, Math.min(writeSize, content.length - at));
            }
        }
        return compressed.toByteArray();
    }

    private static byte[] gunzip(byte[] compressed) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        }
    }

    private static byte[] halfRandomHalfText(int length) {
        Random random = new Random(length);
        byte[] content = new byte[length];
        random.nextBytes(content);
        StringBuilder text = new StringBuilder();
        String[] words = {"image", "zone", "dataset", "the", "of", "request", "machine", "disk", "log", "INFO"};
        while (text.length() < length - length / 2) {
            text.append(random.nextInt(10000)).append(' ').append(words[random.nextInt(words.length)]).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, content, length / 2, length - length / 2);
        return content;
    }
}
