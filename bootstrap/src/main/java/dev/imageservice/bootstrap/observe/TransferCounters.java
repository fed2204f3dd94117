package dev.imageservice.bootstrap.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;

/**
 * {@code images_read_bytes_total} and {@code images_written_bytes_total} by transfer: a creation reads
 * a machine's disk and writes the compressed file, an import reads and writes one file, an export
 * copies one. Counted as the bytes flow, so a long transfer shows while it runs.
 */
@ApplicationScoped
public class TransferCounters {

    public enum Transfer {
        CREATION, IMPORT, EXPORT;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;

    @Inject
    public TransferCounters(MeterRegistry registry) {
        this.registry = registry;
        for (Transfer transfer : Transfer.values()) {
            read(transfer);
            written(transfer);
        }
    }

    Counter read(Transfer transfer) {
        return Counter.builder("images.read").baseUnit("bytes").tag("transfer", transfer.label())
                .description("Bytes read by image creation (the disk), import and export").register(registry);
    }

    Counter written(Transfer transfer) {
        return Counter.builder("images.written").baseUnit("bytes").tag("transfer", transfer.label())
                .description("Bytes written by image creation (compressed), import and export").register(registry);
    }

    /** {@code in}, adding each byte read to every one of {@code counters}. */
    static InputStream counting(InputStream in, Counter... counters) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    add(1);
                }
                return b;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                int n = super.read(bytes, offset, length);
                if (n > 0) {
                    add(n);
                }
                return n;
            }

            private void add(int n) {
                for (Counter counter : counters) {
                    counter.increment(n);
                }
            }
        };
    }

    /** {@code out}, adding each byte written to {@code counter}. */
    static OutputStream counting(OutputStream out, Counter counter) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                counter.increment();
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
                counter.increment(length);
            }
        };
    }
}
