package dev.imageservice.bootstrap.faults;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The room a test leaves the image file store ({@link FullDiskImageFileStore}): unlimited unless
 * a test fills the disk, after which every byte past the limit fails as a full disk does.
 */
@ApplicationScoped
public class DiskSpace {

    private final AtomicLong left = new AtomicLong(Long.MAX_VALUE);

    /** From now on, the store takes {@code bytes} more and then fails with "No space left on device". */
    public void fillAfter(long bytes) {
        left.set(bytes);
    }

    public void free() {
        left.set(Long.MAX_VALUE);
    }

    InputStream limit(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                take(1);
                return super.read();
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                int read = super.read(bytes, offset, length);
                if (read > 0) {
                    take(read);
                }
                return read;
            }
        };
    }

    OutputStream limit(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                take(1);
                out.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                take(length);
                out.write(bytes, offset, length);
            }
        };
    }

    private void take(long bytes) throws IOException {
        if (left.addAndGet(-bytes) < 0) {
            throw new IOException("No space left on device");
        }
    }
}
