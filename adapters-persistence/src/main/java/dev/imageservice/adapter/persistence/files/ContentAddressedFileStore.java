package dev.imageservice.adapter.persistence.files;

import dev.imageservice.adapter.persistence.Database;
import dev.imageservice.adapter.persistence.TransactionEnd;
import dev.imageservice.adapter.persistence.UsesDatabase;
import dev.imageservice.application.port.out.ImageFileStore;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.Compression;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Image files addressed by SHA-256, with their reference counts in the database beside the images
 * that hold them, whichever {@link BlobStorage} keeps the bytes. Content streams into the storage's
 * staging place through the {@link ContentPipeline} and becomes visible under its SHA-256 only after
 * its digests are known and checked.
 *
 * <p>Every instance sharing the database and the storage takes the content's row lock
 * ({@code image_file_blob}) before it publishes or removes bytes, so a publish and a removal of the
 * same content never interleave: two instances storing the same bytes at once keep one object, and
 * content goes only while its row, under that lock, says no image references it and no storer holds
 * it. The hold is taken in the step that publishes, so content stored again is never removed, by
 * the release of the last image that used it, before the storer attaches it.
 */
@ApplicationScoped
@UsesDatabase
public class ContentAddressedFileStore implements ImageFileStore {

    /** Holds younger than this may belong to a job or import in flight on another instance. */
    static final Duration STALE_HOLD_AGE = Duration.ofMinutes(10);
    /** Two instances inserting the same new row: the loser retries once it sees the winner's row. */
    private static final int REGISTER_ATTEMPTS = 3;
    /** How long a stop waits for a sweep still running to reach its next content. */
    private static final Duration SWEEP_STOP_WAIT = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(ContentAddressedFileStore.class);

    private final BlobStorage storage;
    private final ContentPipeline pipeline;
    private final TransactionSynchronizationRegistry transactions;
    private final Database db;
    private final boolean sweepOnStart;
    private final Duration sweepDelay;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile CompletableFuture<Void> unusedSwept = CompletableFuture.completedFuture(null);

    /**
     * @param sweepOnStart false for a process that shares the store with a running server (an admin
     *                     command): the server's uploads in flight are not leftovers
     * @param sweepDelay   how long after the start the sweep of unused content begins: the start and the
     *                     first requests have the CPU to themselves meanwhile
     */
    @Inject
    public ContentAddressedFileStore(BlobStorage storage, ContentPipeline pipeline,
                                     TransactionSynchronizationRegistry transactions, Database db,
                                     @ConfigProperty(name = "images.files.sweep-on-start", defaultValue = "true")
                                     boolean sweepOnStart,
                                     @ConfigProperty(name = "images.files.sweep-delay", defaultValue = "5s")
                                     Duration sweepDelay) {
        this.storage = storage;
        this.pipeline = pipeline;
        this.transactions = transactions;
        this.db = db;
        this.sweepOnStart = sweepOnStart;
        this.sweepDelay = sweepDelay;
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
            throw new UncheckedIOException("storing image file failed: " + e.getMessage(), e);
        }
    }

    /**
     * Registers the content's row, publishes its bytes and takes the caller's hold, all under the
     * row's lock. Bytes already held under a row are identical (same SHA-256): the upload is dropped
     * and one object stays.
     */
    private void publish(StoredContent stored, BlobStorage.Upload upload) {
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    FileBlobEntity known = lock(stored.sha256());
                    FileBlobEntity blob = known != null ? known : insert(stored);
                    if (known == null || !storage.holds(stored.sha256())) {
                        try {
                            upload.publish(stored.sha256());
                        } catch (IOException e) {
                            throw new UncheckedIOException("storing image file failed: " + e.getMessage(), e);
                        }
                    }
                    blob.holds++;
                    blob.lastHeld = Instant.now();
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

    /** The content's row, locked, or null when there is none. */
    private FileBlobEntity lock(String sha256) {
        return db.session().find(FileBlobEntity.class, sha256, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Inserts the content's row, which locks it. */
    private FileBlobEntity insert(StoredContent stored) {
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
        return blob;
    }

    @Override
    public void checkWritable() {
        storage.checkWritable();
    }

    @Override
    public void attach(String sha256) {
        FileBlobEntity blob = lock(sha256);
        if (blob == null || blob.holds == 0) {
            throw new DomainException(ErrorCode.INTERNAL_ERROR, "image file " + sha256 + " is held by no one");
        }
        blob.holds--;
        blob.referencesCount++;
    }

    @Override
    public void letGo(String sha256) {
        QuarkusTransaction.requiringNew().run(() -> {
            FileBlobEntity blob = lock(sha256);
            if (blob != null) {
                blob.holds = Math.max(0, blob.holds - 1);
                removeIfUnused(blob);
            }
        });
    }

    @Override
    public void addReference(String sha256) {
        FileBlobEntity blob = lock(sha256);
        if (blob == null || !storage.holds(sha256)) {
            throw new DomainException(ErrorCode.INTERNAL_ERROR, "image file " + sha256 + " is not held here");
        }
        blob.referencesCount++;
    }

    @Override
    public void release(String sha256) {
        FileBlobEntity blob = lock(sha256);
        if (blob != null && blob.referencesCount > 0) {
            blob.referencesCount--;
        }
        TransactionEnd.afterCommit(transactions, () -> removeIfUnused(sha256, Instant.MIN));
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

    /**
     * Leftovers of a crash are removed: staged uploads at once, before anything serves or any job
     * runs (an upload staged by this process would otherwise be taken for one), then, on a thread of
     * its own and {@code images.files.sweep-delay} later, so that the start neither waits for it nor
     * shares the CPU with it, the holds of jobs and imports that died before they attached or let go
     * of their content, and content no image references. That second part
     * runs beside requests and jobs as it runs beside the other instances of a cluster: each content
     * is decided under its row lock, a hold taken since the start is never stale, and content at no
     * reference and no hold is unused whoever looks at it.
     */
    void sweepOnStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 1) StartupEvent startup) {
        if (!sweepOnStart) {
            return;
        }
        storage.sweepStaging();
        Instant staleBefore = Instant.now().minus(STALE_HOLD_AGE);
        CompletableFuture<Void> swept = new CompletableFuture<>();
        unusedSwept = swept;
        Thread thread = new Thread(() -> {
            try {
                if (!stopped.await(sweepDelay.toMillis(), TimeUnit.MILLISECONDS)) {
                    sweepUnused(staleBefore);
                }
                swept.complete(null);
            } catch (InterruptedException e) {
                swept.complete(null);
            } catch (RuntimeException | Error e) {
                swept.completeExceptionally(e);
                if (!stopping()) {
                    LOG.warnf(e, "could not sweep unused image files; the next start tries again");
                }
            }
        }, "image-file-sweep");
        thread.setDaemon(true);
        thread.start();
    }

    /** Done once the last sweep begun has gone through every candidate (or failed, or stopped). */
    CompletableFuture<Void> unusedSwept() {
        return unusedSwept;
    }

    /** A sweep still running when the server stops ends at the next content rather than in a closed pool. */
    void stopSweep(@Observes ShutdownEvent shutdown) {
        stopped.countDown();
        try {
            unusedSwept.get(SWEEP_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // logged by the sweep, or it is still in a call to the database that the stop will cut
        }
    }

    private boolean stopping() {
        return stopped.getCount() == 0;
    }

    private void sweepUnused(Instant staleBefore) {
        List<String> candidates = QuarkusTransaction.requiringNew().call(() -> db.session()
                .createSelectionQuery("select sha256 from FileBlobEntity where referencesCount = 0 or holds > 0",
                        String.class)
                .getResultList());
        for (String sha256 : candidates) {
            if (stopping()) {
                return;
            }
            removeIfUnused(sha256, staleBefore);
        }
    }

    /**
     * Under the content's row lock, drops its holds if the newest was taken before {@code staleBefore},
     * then removes the content if no image references it and no one holds it. Without a row there is
     * nothing to remove: the bytes went with it, or belong to a publish in flight whose row is not
     * committed yet.
     */
    private void removeIfUnused(String sha256, Instant staleBefore) {
        QuarkusTransaction.requiringNew().run(() -> {
            FileBlobEntity blob = lock(sha256);
            if (blob == null) {
                return;
            }
            if (blob.holds > 0 && blob.lastHeld.isBefore(staleBefore)) {
                blob.holds = 0;
            }
            removeIfUnused(blob);
        });
    }

    /** Removes the content of a locked row if no image references it and no one holds it. */
    private void removeIfUnused(FileBlobEntity blob) {
        if (blob.referencesCount == 0 && blob.holds == 0) {
            db.session().remove(blob);
            storage.delete(blob.sha256);
        }
    }

    /** Writes content into the storage's staged upload and says what was written. */
    @FunctionalInterface
    private interface Fill {
        StoredContent into(OutputStream sink) throws IOException;
    }
}
