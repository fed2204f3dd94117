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
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Image files addressed by SHA-256, with their reference counts in the database beside the images
 * that hold them, whichever {@link BlobStorage} keeps the bytes. Content streams into the storage's
 * staging place through the {@link ContentPipeline} and becomes visible under its SHA-256 only after
 * its digests are known and checked.
 *
 * <p>Every instance sharing the database and the storage takes the content's row lock
 * ({@code image_file_blob}) before it publishes or removes bytes, so a publish and a removal of the
 * same content never interleave: two instances storing the same bytes at once keep one object, and
 * content goes only while its row, under that lock, says no image references it.
 */
@ApplicationScoped
public class ContentAddressedFileStore implements ImageFileStore {

    /** Unreferenced content younger than this may belong to a job about to reference it. */
    private static final Duration ORPHAN_AGE = Duration.ofMinutes(10);
    /** Two instances inserting the same new row: the loser retries once it sees the winner's row. */
    private static final int REGISTER_ATTEMPTS = 3;

    private final BlobStorage storage;
    private final ContentPipeline pipeline;
    private final TransactionSynchronizationRegistry transactions;
    private final Database db;
    private final boolean sweepOnStart;

    /**
     * @param sweepOnStart false for a process that shares the store with a running server (an admin
     *                     command): the server's uploads in flight are not leftovers
     */
    @Inject
    public ContentAddressedFileStore(BlobStorage storage, ContentPipeline pipeline,
                                     TransactionSynchronizationRegistry transactions, Database db,
                                     @ConfigProperty(name = "images.files.sweep-on-start", defaultValue = "true")
                                     boolean sweepOnStart) {
        this.storage = storage;
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
     * Fills a staged upload through the pipeline and publishes it under its SHA-256 once complete and
     * checked; on any failure the upload is abandoned and nothing is kept.
     */
    private StoredContent stage(Fill fill, ExpectedContent expected) {
        try (BlobStorage.Upload upload = storage.begin()) {
            StoredContent stored = fill.into(upload.sink());
            upload.finish();
            ContentPipeline.check(stored, expected);
            publish(stored, upload);
            return stored;
        } catch (IOException e) {
            throw new UncheckedIOException("storing image file failed", e);
        }
    }

    /**
     * Registers the content's row and publishes its bytes under the row's lock. Bytes already held
     * under a row are identical (same SHA-256): the upload is dropped and one object stays.
     */
    private void publish(StoredContent stored, BlobStorage.Upload upload) {
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    boolean known = lockOrInsert(stored);
                    if (!known || !storage.holds(stored.sha256())) {
                        try {
                            upload.publish(stored.sha256());
                        } catch (IOException e) {
                            throw new UncheckedIOException("storing image file failed", e);
                        }
                    }
                });
                return;
            } catch (RuntimeException e) {
                if (attempt == REGISTER_ATTEMPTS || !isDatabaseConflict(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean isDatabaseConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PersistenceException) {
                return true;
            }
        }
        return false;
    }

    /** Locks the content's row, inserting it (and so locking it) when new; true when it existed. */
    private boolean lockOrInsert(StoredContent stored) {
        if (db.session().find(FileBlobEntity.class, stored.sha256(), LockModeType.PESSIMISTIC_WRITE) != null) {
            return true;
        }
        FileBlobEntity blob = new FileBlobEntity();
        blob.sha256 = stored.sha256();
        blob.sha1 = stored.sha1();
        blob.md5Base64 = stored.md5Base64();
        blob.size = stored.size();
        blob.referencesCount = 0;
        blob.created = Instant.now();
        // Flushed here, so another instance's insert of the same row fails now and is retried.
        db.session().persist(blob);
        db.session().flush();
        return false;
    }

    @Override
    public void checkWritable() {
        storage.checkWritable();
    }

    @Override
    public void addReference(String sha256) {
        FileBlobEntity blob = db.session().find(FileBlobEntity.class, sha256, LockModeType.PESSIMISTIC_WRITE);
        if (blob == null || !storage.holds(sha256)) {
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
        FileBlobEntity blob = QuarkusTransaction.joiningExisting()
                .call(() -> db.session().find(FileBlobEntity.class, sha256));
        InputStream stream = null;
        if (blob != null) {
            try {
                stream = storage.open(sha256);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (stream == null) {
            throw DomainException.notFound("image file " + sha256 + " not found");
        }
        return new OpenedContent(stream, blob.size, blob.md5Base64);
    }

    /** Leftovers of a crash are removed: staged uploads, and content no image took up in time. */
    void sweepOnStart(@Observes StartupEvent startup) {
        if (!sweepOnStart) {
            return;
        }
        storage.sweepStaging();
        Instant cutoff = Instant.now().minus(ORPHAN_AGE);
        QuarkusTransaction.requiringNew().call(() -> db.session()
                        .createSelectionQuery("from FileBlobEntity where referencesCount = 0", FileBlobEntity.class)
                        .getResultList())
                .forEach(blob -> removeIfUnreferenced(blob.sha256, cutoff));
    }

    /**
     * Removes content with no reference (created before {@code createdBefore}) under its row lock.
     * Without a row there is nothing to remove: the bytes went with it, or belong to a publish in
     * flight whose row is not committed yet.
     */
    private void removeIfUnreferenced(String sha256, Instant createdBefore) {
        QuarkusTransaction.requiringNew().run(() -> {
            FileBlobEntity blob = db.session().find(FileBlobEntity.class, sha256, LockModeType.PESSIMISTIC_WRITE);
            if (blob == null || blob.referencesCount > 0 || !blob.created.isBefore(createdBefore)) {
                return;
            }
            db.session().remove(blob);
            storage.delete(sha256);
        });
    }

    /** Writes content into the storage's staged upload and says what was written. */
    @FunctionalInterface
    private interface Fill {
        StoredContent into(OutputStream sink) throws IOException;
    }
}
