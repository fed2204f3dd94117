package dev.imageservice.adapter.persistence.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * gzip compressed on several threads, as pigz does it: the input is cut into blocks of 128 KiB,
 * each deflated on its own with the previous block's last 32 KiB as its dictionary and ended with a
 * sync flush (so the pieces join on byte boundaries), the last one finishing the stream. The pieces
 * are written in order behind one gzip header, and the CRC-32 and length of the whole input follow:
 * one ordinary gzip member that any gunzip reads. The dictionary keeps the ratio within a fraction
 * of a percent of single-threaded deflate at the same level.
 *
 * <p>A block that does not compress (a disk region holding compressed or encrypted data) is stored
 * rather than deflated, as deflate would end up storing it anyway: four samples of it are deflated
 * at the fastest level first, and if they shrink by less than 1 % the block goes out in stored
 * blocks. That saves the third or so of the CPU that deflating random bytes costs.
 */
final class ParallelGzipOutputStream extends OutputStream {

    static final int BLOCK = 128 * 1024;
    private static final int DICTIONARY = 32 * 1024;
    private static final int SAMPLES = 4;
    private static final int SAMPLE = 4 * 1024;
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, 3};

    private final OutputStream out;
    private final ExecutorService workers;
    private final int level;
    /** Blocks being compressed, oldest first; at most this many, so memory stays bounded. */
    private final int maxInFlight;
    private final ArrayDeque<Future<byte[]>> inFlight = new ArrayDeque<>();
    private final CRC32 crc = new CRC32();
    private byte[] block = new byte[BLOCK];
    private int filled;
    private byte[] previous;
    private long length;
    private boolean closed;

    ParallelGzipOutputStream(OutputStream out, ExecutorService workers, int threads, int level) throws IOException {
        this.out = out;
        this.workers = workers;
        this.level = level;
        this.maxInFlight = 2 * threads;
        out.write(HEADER);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int count) throws IOException {
        crc.update(bytes, offset, count);
        length += count;
        while (count > 0) {
            int n = Math.min(count, BLOCK - filled);
            System.arraycopy(bytes, offset, block, filled, n);
            filled += n;
            offset += n;
            count -= n;
            if (filled == BLOCK) {
                submit(false);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            submit(true);
            while (!inFlight.isEmpty()) {
                writeOldest();
            }
            byte[] trailer = new byte[8];
            littleEndian(trailer, 0, crc.getValue());
            littleEndian(trailer, 4, length);
            out.write(trailer);
        } finally {
            inFlight.forEach(pending -> pending.cancel(true));
            out.close();
        }
    }

    private void submit(boolean last) throws IOException {
        byte[] input = block;
        int size = filled;
        byte[] dictionary = previous;
        inFlight.add(workers.submit(() -> deflate(input, size, dictionary, last, level)));
        previous = input;
        block = new byte[BLOCK];
        filled = 0;
        while (inFlight.size() > maxInFlight || (!inFlight.isEmpty() && inFlight.peek().isDone())) {
            writeOldest();
        }
    }

    private void writeOldest() throws IOException {
        try {
            out.write(inFlight.poll().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        } catch (ExecutionException e) {
            throw new IOException("compressing a block failed", e.getCause());
        }
    }

    /** One block as raw deflate data: sync-flushed, or finishing the stream when it is the last. */
    private static byte[] deflate(byte[] input, int size, byte[] previous, boolean last, int level) {
        boolean store = level != Deflater.NO_COMPRESSION && incompressible(input, size);
        Deflater deflater = new Deflater(store ? Deflater.NO_COMPRESSION : level, true);
        try {
            if (previous != null && !store) {
                deflater.setDictionary(previous, previous.length - DICTIONARY, DICTIONARY);
            }
            deflater.setInput(input, 0, size);
            ByteArrayOutputStream compressed = new ByteArrayOutputStream(size / 2 + 64);
            byte[] buffer = new byte[Math.max(size, 1024)];
            if (last) {
                deflater.finish();
                while (!deflater.finished()) {
                    compressed.write(buffer, 0, deflater.deflate(buffer));
                }
            } else {
                // A full buffer means the flush is not complete yet (Deflater's contract for SYNC_FLUSH).
                int n;
                do {
                    n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                    compressed.write(buffer, 0, n);
                } while (n == buffer.length);
            }
            return compressed.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /**
     * Whether four samples spread over the block, deflated at level 1, shrink by less than 1 %. The
     * first sample is flushed on its own: when it alone saves 1 % of all four (text saves far more),
     * the others, even left as they are, would not undo that, and are not deflated. The flush costs
     * a block that does not compress about a fifth more; on a disk half random, half text the probe
     * takes a fifth less.
     */
    static boolean incompressible(byte[] input, int size) {
        int sample = Math.min(SAMPLE, size / SAMPLES);
        if (sample == 0) {
            return false;
        }
        double stored = 0.99 * SAMPLES * sample;
        Deflater probe = new Deflater(Deflater.BEST_SPEED, true);
        try {
            byte[] sink = new byte[SAMPLES * sample + 64];
            int compressed = 0;
            for (int i = 0; i < SAMPLES; i++) {
                probe.setInput(input, i * (size / SAMPLES), sample);
                int flush = i == 0 || i == SAMPLES - 1 ? Deflater.SYNC_FLUSH : Deflater.NO_FLUSH;
                do {
                    compressed += probe.deflate(sink, compressed, sink.length - compressed, flush);
                } while (!probe.needsInput() && compressed < sink.length);
                if (i == 0 && compressed + (SAMPLES - 1) * sample <= stored) {
                    return false;
                }
            }
            return compressed > stored;
        } finally {
            probe.end();
        }
    }

    private static void littleEndian(byte[] into, int at, long value) {
        for (int i = 0; i < 4; i++) {
            into[at + i] = (byte) (value >>> (8 * i));
        }
    }
}
