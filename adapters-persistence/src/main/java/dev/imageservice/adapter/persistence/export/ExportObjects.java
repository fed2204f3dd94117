package dev.imageservice.adapter.persistence.export;

import dev.imageservice.application.port.out.ExportStore.StoredObject;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Where exported objects live (a directory tree, an S3 bucket), by key: a Manta path without its
 * leading {@code /}. It only moves bytes; {@link MantaExportStore} keeps Manta's rules.
 */
public interface ExportObjects {

    /** Whether objects lie below {@code key}, as in a directory. */
    boolean isDirectory(String key);

    /** Whether an object is stored under {@code key}. */
    boolean isObject(String key);

    /**
     * Writes an object, visible under {@code key} only once complete; a failure leaves nothing under
     * any name. A FileAlreadyExistsException says the key clashes with what is stored.
     */
    void write(String key, Content content) throws IOException;

    Optional<StoredObject> open(String key) throws IOException;

    /** Writes and removes a probe; an UncheckedIOException names the place when it cannot. */
    void checkWritable();

    /** Removes what writes that a crash cut short left behind. */
    void sweep();

    /** The bytes of one object, written by whoever has them. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }
}
