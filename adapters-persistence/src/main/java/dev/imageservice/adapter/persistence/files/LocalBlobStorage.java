package dev.imageservice.adapter.persistence.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Image files in a local directory, named by SHA-256 ({@code files/sha256/ab/abcd...}). Content is
 * written under {@code files/tmp} and renamed into place, an atomic step on one file system.
 */
public class LocalBlobStorage implements BlobStorage {

    private static final Logger LOG = Logger.getLogger(LocalBlobStorage.class);

    private final Path root;

    /** @param root the {@code files} folder */
    public LocalBlobStorage(Path root) {
        this.root = root;
    }

    @Override
    public Upload begin() throws IOException {
        Files.createDirectories(staging());
        Path temporary = Files.createTempFile(staging(), "incoming-", ".part");
        FileChannel channel;
        try {
            channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw e;
        }
        OutputStream out = Channels.newOutputStream(channel);
        return new Upload() {
            private boolean published;

            @Override
            public OutputStream sink() {
                return out;
            }

            @Override
            public void finish() throws IOException {
                channel.force(true);
                out.close();
            }

            @Override
            public void publish(String sha256) throws IOException {
                Path target = pathOf(sha256);
                Files.createDirectories(target.getParent());
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                published = true;
            }

            @Override
            public void close() {
                try {
                    out.close();
                } catch (IOException e) {
                    LOG.debugf(e, "closing %s", temporary);
                }
                if (!published) {
                    deleteQuietly(temporary);
                }
            }
        };
    }

    @Override
    public boolean holds(String sha256) {
        return Files.exists(pathOf(sha256));
    }

    @Override
    public InputStream open(String sha256) throws IOException {
        try {
            return Files.newInputStream(pathOf(sha256));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public void delete(String sha256) {
        deleteQuietly(pathOf(sha256));
    }

    /** The probe goes where uploads are staged: a crash between its write and its removal leaves it to the sweep. */
    @Override
    public void checkWritable() {
        try {
            Files.createDirectories(staging());
            Files.delete(Files.createTempFile(staging(), "probe-", ".part"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + staging() + ": " + e, e);
        }
    }

    /** Called where no upload of this folder is in flight: a server's start (admin commands beside it do not sweep). */
    @Override
    public void sweepStaging() {
        if (!Files.isDirectory(staging())) {
            return;
        }
        try (Stream<Path> files = Files.list(staging())) {
            files.forEach(LocalBlobStorage::deleteQuietly);
        } catch (IOException e) {
            LOG.warnf(e, "could not clean %s", staging());
        }
    }

    private Path staging() {
        return root.resolve("tmp");
    }

    private Path pathOf(String sha256) {
        return root.resolve("sha256").resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warnf(e, "could not delete %s", path);
        }
    }
}
