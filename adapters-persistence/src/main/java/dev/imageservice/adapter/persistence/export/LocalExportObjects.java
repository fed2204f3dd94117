package dev.imageservice.adapter.persistence.export;

import dev.imageservice.application.port.out.ExportStore.StoredObject;
import java.io.File;
import java.io.IOException;
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
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The embedded Manta stand-in's bytes: a directory tree under the data folder laid out by Manta path.
 * Objects are written to a temporary file beside their target and renamed into place once complete.
 */
public class LocalExportObjects implements ExportObjects {

    private static final Logger LOG = Logger.getLogger(LocalExportObjects.class);
    private static final String TEMPORARY_PREFIX = ".incoming-";
    private static final String TEMPORARY_SUFFIX = ".part";

    private final Path root;

    /** @param root the {@code manta} folder */
    public LocalExportObjects(Path root) {
        this.root = root;
    }

    @Override
    public boolean isDirectory(String key) {
        return Files.isDirectory(root.resolve(key));
    }

    @Override
    public boolean isObject(String key) {
        return Files.exists(root.resolve(key)) && !Files.isDirectory(root.resolve(key));
    }

    @Override
    public void write(String key, Content content) throws IOException {
        Path target = root.resolve(key);
        Path temporary = null;
        try {
            Files.createDirectories(target.getParent());
            temporary = Files.createTempFile(target.getParent(), TEMPORARY_PREFIX, TEMPORARY_SUFFIX);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                content.writeTo(out);
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temporary = null;
        } catch (NotDirectoryException | DirectoryNotEmptyException e) {
            // Another export made a clash after the store checked.
            throw new FileAlreadyExistsException(key);
        } finally {
            // A leftover is never visible under an object name, and the next start removes it.
            deleteQuietly(temporary);
        }
    }

    @Override
    public Optional<StoredObject> open(String key) throws IOException {
        Path file = root.resolve(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(new StoredObject(Files.newInputStream(file), Files.size(file)));
    }

    /** Every object stored, by key, with its size; what a write cut short left behind is none of them. */
    public SortedMap<String, Long> sizes() throws IOException {
        SortedMap<String, Long> sizes = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return sizes;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !isTemporary(f)).toList()) {
                sizes.put(root.relativize(file).toString().replace(File.separatorChar, '/'), Files.size(file));
            }
        }
        return sizes;
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

    /** Called where no export of this folder is in flight: a server's start. */
    @Override
    public void sweep() {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(LocalExportObjects::isTemporary).forEach(LocalExportObjects::deleteQuietly);
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf(e, "could not clean %s", root);
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
}
