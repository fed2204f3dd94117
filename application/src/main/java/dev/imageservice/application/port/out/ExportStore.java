package dev.imageservice.application.port.out;

import dev.imageservice.domain.export.MantaPath;
import dev.imageservice.domain.image.ImgapiManifest;
import java.io.InputStream;
import java.util.Optional;

/**
 * The Manta-path object store ExportImage writes to. Paths are {@link MantaPath}s, so every name a
 * store sees has been checked (length, characters, no {@code .}/{@code ..}), and the application
 * has checked they belong to the caller.
 */
public interface ExportStore {

    /** The base URL clients fetch exported objects from. */
    String mantaUrl();

    boolean isDirectory(MantaPath path);

    /**
     * Whether objects can be written now (the readiness check): writes and removes a probe, and
     * throws an UncheckedIOException naming the place when it cannot.
     */
    void checkWritable();

    /**
     * Streams an object in; it becomes visible under {@code path} only once complete, and a failed
     * or interrupted write leaves nothing under any name. A path that clashes with what is stored
     * (an object where a directory must be, or the reverse) is InvalidArgument.
     */
    void writeObject(MantaPath path, InputStream content);

    /** Writes a manifest as its JSON object; atomically, as {@link #writeObject}. */
    void writeManifest(MantaPath path, ImgapiManifest manifest);

    /** Opens a stored object; empty when there is none (directories included). */
    Optional<StoredObject> open(MantaPath path);

    /** A readable object; the caller closes the stream. */
    record StoredObject(InputStream stream, long size) {
    }
}
