package dev.imageservice.adapter.rest.pipeline;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * A JSON array answered as its elements are produced, in one pass, with no list of them and no
 * body held whole ({@link JsonArrayStreamWriter} writes it, with Content-MD5 when it is small). The
 * elements are produced while the answer is written, so a producer that reads them in a transaction
 * keeps it open until the last element is written.
 */
public final class JsonArrayStream {

    /** Hands every element, in order, to the sink. */
    @FunctionalInterface
    public interface Producer {
        void produce(Consumer<Object> sink);
    }

    private final Producer producer;

    public JsonArrayStream(Producer producer) {
        this.producer = producer;
    }

    /**
     * Writes the array. When the producer fails, the array is left open and nothing more is written,
     * so that what was sent can never pass for a whole answer.
     */
    void writeTo(OutputStream out) throws IOException {
        JsonGenerator json = JsonBody.generator(out);
        json.writeStartArray();
        try {
            producer.produce(element -> {
                try {
                    JsonBody.write(json, element);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        json.writeEndArray();
        json.flush();
    }

    /**
     * The whole array when it takes at most {@code bound} bytes, else null; the elements are produced
     * no further than the bound.
     */
    byte[] within(int bound) throws IOException {
        Bounded bytes = new Bounded(bound);
        try {
            writeTo(bytes);
        } catch (IOException | RuntimeException e) {
            // However the serialiser or the producer passed the failure on, it came from the bound.
            if (bytes.past) {
                return null;
            }
            throw e;
        }
        return bytes.toByteArray();
    }

    /** Bytes up to a bound; a write past it fails, which stops the producer. */
    private static final class Bounded extends ByteArrayOutputStream {
        private final int bound;
        private boolean past;

        Bounded(int bound) {
            this.bound = bound;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            if (size() + length > bound) {
                past = true;
                throw new UncheckedIOException(new IOException("past " + bound + " bytes"));
            }
            super.write(bytes, offset, length);
        }
    }
}
