package dev.imageservice.adapter.persistence.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imageservice.application.port.out.ExportStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The embedded Manta stand-in: a directory tree under the data folder laid out by Manta path.
 * Every account has its {@code stor} and {@code public} directories, as in Manta. Objects are
 * written to a temporary file beside their target and renamed into place once complete.
 */
@ApplicationScoped
public class LocalExportStore implements ExportStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final String mantaUrl;

    @Inject
    public LocalExportStore(@ConfigProperty(name = "images.data-dir") Path dataDir,
                            @ConfigProperty(name = "images.export.manta-url") String mantaUrl) {
        this.root = dataDir.resolve("manta");
        this.mantaUrl = mantaUrl;
    }

    @Override
    public String mantaUrl() {
        return mantaUrl;
    }

    @Override
    public boolean isDirectory(String path) {
        String[] segments = path.substring(1).split("/");
        boolean topDirectory = segments.length == 2 && (segments[1].equals("stor") || segments[1].equals("public"));
        return topDirectory || Files.isDirectory(resolve(path));
    }

    @Override
    public void writeObject(String path, InputStream content) {
        write(path, out -> content.transferTo(out));
    }

    @Override
    public void writeManifest(String path, Map<String, Object> manifest) {
        write(path, out -> out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest)));
    }

    @Override
    public Optional<StoredObject> open(String path) {
        Path file = resolve(path);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new StoredObject(Files.newInputStream(file), Files.size(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String path, Writer writer) {
        Path target = resolve(path);
        Path temporary = null;
        try {
            Files.createDirectories(target.getParent());
            temporary = Files.createTempFile(target.getParent(), ".incoming-", ".part");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                writer.write(out);
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temporary = null;
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + path + " failed", e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // Best effort: a leftover .part file is never visible under an object name.
                }
            }
        }
    }

    /** Paths arrive checked by the application (absolute, no "..", owned by the caller). */
    private Path resolve(String path) {
        Path resolved = root.resolve(path.substring(1)).normalize();
        if (!resolved.startsWith(root)) {
            throw new IllegalArgumentException("path escapes the store: " + path);
        }
        return resolved;
    }

    @FunctionalInterface
    private interface Writer {
        void write(OutputStream out) throws IOException;
    }
}
