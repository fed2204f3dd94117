package dev.imageservice.adapter.persistence.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imageservice.application.port.out.ExportStore;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.export.MantaPath;
import dev.imageservice.domain.image.ImgapiManifest;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The embedded Manta stand-in: a directory tree under the data folder laid out by Manta path.
 * Every account has its {@code stor} and {@code public} directories, as in Manta. Objects are
 * written to a temporary file beside their target and renamed into place once complete.
 */
@ApplicationScoped
public class LocalExportStore implements ExportStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Logger LOG = Logger.getLogger(LocalExportStore.class);
    private static final String TEMPORARY_PREFIX = ".incoming-";
    private static final String TEMPORARY_SUFFIX = ".part";

    private final Path root;
    private final String mantaUrl;
    private final boolean sweepOnStart;

    /** @param sweepOnStart as for the image file store: false in an admin command beside a running server */
    @Inject
    public LocalExportStore(@ConfigProperty(name = "images.data-dir") Path dataDir,
                            @ConfigProperty(name = "images.export.manta-url") String mantaUrl,
                            @ConfigProperty(name = "images.files.sweep-on-start", defaultValue = "true")
                            boolean sweepOnStart) {
        this.root = dataDir.resolve("manta");
        this.mantaUrl = mantaUrl;
        this.sweepOnStart = sweepOnStart;
    }

    /** At start no export is in flight: the temporary files of one a crash cut short are removed. */
    void sweepOnStart(@Observes StartupEvent startup) {
        if (!sweepOnStart || !Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(LocalExportStore::isTemporary).forEach(LocalExportStore::deleteQuietly);
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf(e, "could not clean %s", root);
        }
    }

    @Override
    public String mantaUrl() {
        return mantaUrl;
    }

    @Override
    public boolean isDirectory(MantaPath path) {
        return path.isArea() || Files.isDirectory(resolve(path));
    }

    /** The probe is named like an object being written, so a crash that leaves it behind leaves it to the sweep. */
    @Override
    public void checkWritable() {
        try {
            Files.createDirectories(root);
            Files.delete(Files.createTempFile(root, TEMPORARY_PREFIX, TEMPORARY_SUFFIX));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + root + ": " + e, e);
        }
    }

    @Override
    public void writeObject(MantaPath path, InputStream content) {
        write(path, out -> content.transferTo(out));
    }

    @Override
    public void writeManifest(MantaPath path, ImgapiManifest manifest) {
        write(path, out -> out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest.toMap())));
    }

    @Override
    public Optional<StoredObject> open(MantaPath path) {
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

    private void write(MantaPath path, Writer writer) {
        Path target = resolve(path);
        requireNoClash(path, target);
        Path temporary = null;
        try {
            Files.createDirectories(target.getParent());
            temporary = Files.createTempFile(target.getParent(), TEMPORARY_PREFIX, TEMPORARY_SUFFIX);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                writer.write(out);
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temporary = null;
        } catch (FileAlreadyExistsException | NotDirectoryException | DirectoryNotEmptyException e) {
            // Another export made the clash between the check above and this write.
            throw clash(path);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + path + " failed", e);
        } finally {
            // A leftover is never visible under an object name, and the next start removes it.
            deleteQuietly(temporary);
        }
    }

    private static boolean isTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(TEMPORARY_PREFIX) && name.endsWith(TEMPORARY_SUFFIX) && Files.isRegularFile(file);
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf(e, "could not delete %s", file);
        }
    }

    /**
     * An object can be written where no directory is, below directories only: a name that is
     * already a directory, or a parent that is already an object, is the client's mistake.
     */
    private void requireNoClash(MantaPath path, Path target) {
        if (Files.isDirectory(target)) {
            throw clash(path);
        }
        for (Path parent = target.getParent(); !parent.equals(root); parent = parent.getParent()) {
            if (Files.exists(parent) && !Files.isDirectory(parent)) {
                throw clash(path);
            }
        }
    }

    private static DomainException clash(MantaPath path) {
        return new DomainException(ErrorCode.INVALID_ARGUMENT,
                "manta_path " + path + " clashes with a stored object or directory");
    }

    /** A {@link MantaPath} holds only plain names (no "..", no NUL, each short enough for a file system). */
    private Path resolve(MantaPath path) {
        return root.resolve(path.value().substring(1));
    }

    @FunctionalInterface
    private interface Writer {
        void write(OutputStream out) throws IOException;
    }
}
