package dev.imageservice.adapter.persistence.files;

import dev.imageservice.adapter.persistence.Database;
import dev.imageservice.application.port.out.ImageFileStore;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.Compression;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
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
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Image files in a local directory, named by SHA-256 ({@code files/sha256/ab/abcd...}). Content is
 * written under a temporary name and renamed into place only after its digests are known and
 * checked; the reference counts live in the database beside the images that hold them.
 */
@ApplicationScoped
public class LocalImageFileStore implements ImageFileStore {

    private static final Logger LOG = Logger.getLogger(LocalImageFileStore.class);
    /** Unreferenced content younger than this may belong to a job about to reference it. */
    private static final Duration ORPHAN_AGE = Duration.ofMinutes(10);

    private final Path root;
    private final ContentPipeline pipeline;
    private final TransactionSynchronizationRegistry transactions;
    private final Database db;
    private final boolean sweepOnStart;

    /**
     * @param sweepOnStart false for a process that shares the folder with a running server (an admin
     *                     command): the server's uploads in flight are not leftovers
     */
    @Inject
    public LocalImageFileStore(@ConfigProperty(name = "images.data-dir") Path dataDir, ContentPipeline pipeline,
                               TransactionSynchronizationRegistry transactions, Database db,
                               @ConfigProperty(name = "images.files.sweep-on-start", defaultValue = "true")
                               boolean sweepOnStart) {
        this.root = dataDir.resolve("files");
        this.pipeline = pipeline;
        this.transactions = transactions;
        this.db = db;
        this.sweepOnStart = sweepOnStart;
    }

    @Override
    public StoredContent store(InputStream content, ExpectedContent expected) {
        return stage(sink -> pipeline.copy(content, sink), expected);
    }

    @Override
    public StoredContent storeCompressed(ContentSource source, Compression compression) {
        return stage(sink -> pipeline.compress(source, compression, sink), ExpectedContent.ANY);
    }

    /**
     * Fills a temporary file through the pipeline and renames it to its SHA-256 once complete and
     * checked; on any failure the temporary file goes and nothing is kept.
     */
    private StoredContent stage(Fill fill, ExpectedContent expected) {
        Path temporary = null;
        try {
            Files.createDirectories(root.resolve("tmp"));
            temporary = Files.createTempFile(root.resolve("tmp"), "incoming-", ".part");
            StoredContent stored;
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                stored = fill.into(out);
                channel.force(true);
            }
            ContentPipeline.check(stored, expected);
            Path target = pathOf(stored.sha256());
            Files.createDirectories(target.getParent());
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temporary = null;
            QuarkusTransaction.requiringNew().run(() -> registerBlob(stored));
            return stored;
        } catch (IOException e) {
            throw new UncheckedIOException("storing image file failed", e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    /** The probe goes where uploads are staged: a crash between its write and its removal leaves it to the sweep. */
    @Override
    public void checkWritable() {
        Path staging = root.resolve("tmp");
        try {
            Files.createDirectories(staging);
            Files.delete(Files.createTempFile(staging, "probe-", ".part"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + staging + ": " + e, e);
        }
    }

    @Override
    public void addReference(String sha256) {
        FileBlobEntity blob = db.session().find(FileBlobEntity.class, sha256, LockModeType.PESSIMISTIC_WRITE);
        if (blob == null || !Files.exists(pathOf(sha256))) {
            throw new DomainException(ErrorCode.INTERNAL_ERROR, "image file " + sha256 + " is not held here");
        }
        blob.referencesCount++;
    }

    @Override
    public void release(String sha256) {
        FileBlobEntity blob = db.session().find(FileBlobEntity.class, sha256, LockModeType.PESSIMISTIC_WRITE);
        if (blob != null && blob.referencesCount > 0) {
            blob.referencesCount--;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    removeIfUnreferenced(sha256, Instant.MAX);
                }
            }
        });
    }

    @Override
    public void discard(String sha256) {
        removeIfUnreferenced(sha256, Instant.MAX);
    }

    @Override
    public OpenedContent open(String sha256) {
        // Callers that stream for long (export) open outside any transaction of theirs.
        FileBlobEntity blob = QuarkusTransaction.joiningExisting().call(() -> db.session().find(FileBlobEntity.class, sha256));
        Path path = pathOf(sha256);
        if (blob == null || !Files.exists(path)) {
            throw DomainException.notFound("image file " + sha256 + " not found");
        }
        try {
            return new OpenedContent(Files.newInputStream(path), blob.size, blob.md5Base64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** At start no upload is in flight: leftovers of a crash are removed. */
    void sweepOnStart(@Observes StartupEvent startup) {
        if (!sweepOnStart) {
            return;
        }
        deleteTree(root.resolve("tmp"));
        Instant cutoff = Instant.now().minus(ORPHAN_AGE);
        QuarkusTransaction.requiringNew().call(() -> db.session()
                        .createSelectionQuery("from FileBlobEntity where referencesCount = 0", FileBlobEntity.class)
                        .getResultList())
                .forEach(blob -> removeIfUnreferenced(blob.sha256, cutoff));
    }

    /** Removes content with no reference (created before {@code createdBefore}) under a row lock. */
    private void removeIfUnreferenced(String sha256, Instant createdBefore) {
        QuarkusTransaction.requiringNew().run(() -> {
            FileBlobEntity blob = db.session().find(FileBlobEntity.class, sha256, LockModeType.PESSIMISTIC_WRITE);
            if (blob != null && (blob.referencesCount > 0 || !blob.created.isBefore(createdBefore))) {
                return;
            }
            if (blob != null) {
                db.session().remove(blob);
            }
            deleteQuietly(pathOf(sha256));
        });
    }

    private void registerBlob(StoredContent stored) {
        if (db.session().find(FileBlobEntity.class, stored.sha256(), LockModeType.PESSIMISTIC_WRITE) == null) {
            FileBlobEntity blob = new FileBlobEntity();
            blob.sha256 = stored.sha256();
            blob.sha1 = stored.sha1();
            blob.md5Base64 = stored.md5Base64();
            blob.size = stored.size();
            blob.referencesCount = 0;
            blob.created = Instant.now();
            db.session().persist(blob);
        }
    }

    private Path pathOf(String sha256) {
        return root.resolve("sha256").resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warnf(e, "could not delete %s", path);
        }
    }

    private static void deleteTree(Path directory) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            files.forEach(LocalImageFileStore::deleteQuietly);
        } catch (IOException e) {
            LOG.warnf(e, "could not clean %s", directory);
        }
    }

    /** Writes content into the store's temporary file and says what was written. */
    @FunctionalInterface
    private interface Fill {
        StoredContent into(OutputStream sink) throws IOException;
    }
}
