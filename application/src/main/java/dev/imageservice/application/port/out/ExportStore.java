package dev.imageservice.application.port.out;

import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * The Manta-path object store ExportImage writes to. Paths are absolute Manta paths
 * ({@code /LOGIN/stor/...}), already checked to belong to the caller.
 */
public interface ExportStore {

    /** The base URL clients fetch exported objects from. */
    String mantaUrl();

    boolean isDirectory(String path);

    /** Streams an object in; it becomes visible under {@code path} only once complete. */
    void writeObject(String path, InputStream content);

    /** Writes a manifest (JSON values as Java maps, lists, strings, numbers, booleans) as a JSON object. */
    void writeManifest(String path, Map<String, Object> manifest);

    /** Opens a stored object; empty when there is none (directories included). */
    Optional<StoredObject> open(String path);

    /** A readable object; the caller closes the stream. */
    record StoredObject(InputStream stream, long size) {
    }
}
