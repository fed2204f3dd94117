package dev.imageservice.adapter.persistence.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.adapter.persistence.Database;
import dev.imageservice.application.port.out.ImageFileStore;
import dev.imageservice.application.port.out.ImageFileStore.ExpectedContent;
import dev.imageservice.application.port.out.ImageFileStore.StoredContent;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.Compression;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * What every image file store keeps to, whichever place holds the bytes: each backend's test class
 * extends this and says how to count what its place holds.
 */
public abstract class ImageFileStoreContract {

    @Inject
    protected ImageFileStore store;

    @Inject
    ContentAddressedFileStore contentStore;

    @Inject
    Database db;

    /** Content held under a content address. */
    protected abstract long heldObjects() throws IOException;

    /** Uploads staged or in flight: an upload being written, or one a failure left behind. */
    protected abstract long stagedUploads() throws IOException;

    @Test
    void contentIsAddressedByItsDigestsAndCheckedAgainstExpectations() throws Exception {
        byte[] bytes = unique();
        StoredContent stored = store(bytes);

        assertThat(stored.size()).isEqualTo(bytes.length);
        assertThat(read(stored.sha256())).isEqualTo(bytes);
        assertThatThrownBy(() -> store.store(new ByteArrayInputStream(unique()), new ExpectedContent(null, 1L)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        assertThatThrownBy(() -> store.store(new ByteArrayInputStream(bytes), new ExpectedContent("0".repeat(40), null)))
                .isInstanceOf(DomainException.class);
        assertThat(stagedUploads()).isZero();
    }

    @Test
    void lettingGoNeverTakesContentAnImageReferences() throws Exception {
        byte[] bytes = unique();
        StoredContent first = store(bytes);
        QuarkusTransaction.requiringNew().run(() -> store.attach(first.sha256()));

        StoredContent again = store(bytes);
        store.letGo(again.sha256());

        assertThat(read(first.sha256())).isEqualTo(bytes);
    }

    @Test
    void contentLetGoIsRemovedAndTheLastReleaseRemovesContent() throws Exception {
        long heldBefore = heldObjects();
        StoredContent orphan = store(unique());
        store.letGo(orphan.sha256());
        assertNotHeld(orphan.sha256());

        StoredContent shared = store(unique());
        QuarkusTransaction.requiringNew().run(() -> {
            store.attach(shared.sha256());
            store.addReference(shared.sha256());
        });
        QuarkusTransaction.requiringNew().run(() -> store.release(shared.sha256()));
        assertThat(read(shared.sha256())).isNotEmpty();
        assertThat(heldObjects()).isEqualTo(heldBefore + 1);
        QuarkusTransaction.requiringNew().run(() -> store.release(shared.sha256()));
        assertNotHeld(shared.sha256());
        assertThat(heldObjects()).isEqualTo(heldBefore);
    }

    /** The last image referencing content is deleted while a job that stored the same bytes has yet to attach them. */
    @Test
    void contentStoredAgainSurvivesTheDeletionOfTheLastImageReferencingIt() throws Exception {
        byte[] bytes = unique();
        StoredContent first = store(bytes);
        QuarkusTransaction.requiringNew().run(() -> store.attach(first.sha256()));

        StoredContent again = store(bytes);
        QuarkusTransaction.requiringNew().run(() -> store.release(first.sha256()));
        QuarkusTransaction.requiringNew().run(() -> store.attach(again.sha256()));

        assertThat(read(again.sha256())).isEqualTo(bytes);
    }

    /** Two jobs store the same bytes; the first fails before the second attaches them. */
    @Test
    void contentStoredTwiceSurvivesTheFirstStorerLettingGo() throws Exception {
        byte[] bytes = unique();
        StoredContent first = store(bytes);
        StoredContent second = store(bytes);

        store.letGo(first.sha256());
        QuarkusTransaction.requiringNew().run(() -> store.attach(second.sha256()));

        assertThat(read(second.sha256())).isEqualTo(bytes);
    }

    @Test
    void aRolledBackAttachGivesTheHoldBack() throws Exception {
        StoredContent content = store(unique());

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            store.attach(content.sha256());
            throw new IllegalStateException("rolled back");
        })).isInstanceOf(IllegalStateException.class);
        store.letGo(content.sha256());

        assertNotHeld(content.sha256());
    }

    /** A process that died between storing and attaching leaves its holds; a start once they are stale drops them. */
    @Test
    void staleHoldsAreDroppedAtStart() throws Exception {
        StoredContent recent = store(unique());
        StoredContent abandoned = store(unique());
        StoredContent referenced = store(unique());
        QuarkusTransaction.requiringNew().run(() -> store.attach(referenced.sha256()));
        store(read(referenced.sha256()));
        Instant stale = Instant.now().minus(ContentAddressedFileStore.STALE_HOLD_AGE).minusSeconds(60);
        QuarkusTransaction.requiringNew().run(() -> List.of(abandoned, referenced).forEach(content ->
                db.session().find(FileBlobEntity.class, content.sha256()).lastHeld = stale));

        contentStore.sweepOnStart(null);
        contentStore.unusedSwept().get(30, TimeUnit.SECONDS);

        assertNotHeld(abandoned.sha256());
        assertThat(read(recent.sha256())).isNotEmpty();
        assertThat(read(referenced.sha256())).as("an image references it").isNotEmpty();
        QuarkusTransaction.requiringNew().run(() -> store.release(referenced.sha256()));
        assertNotHeld(referenced.sha256());
        store.letGo(recent.sha256());
    }

    /**
     * The start sweeps unused content on a thread of its own while requests and jobs already run:
     * content they store and attach meanwhile, or still hold, stays.
     */
    @Test
    void contentStoredWhileTheStartSweepRunsStays() throws Exception {
        StoredContent abandoned = store(unique());
        Instant stale = Instant.now().minus(ContentAddressedFileStore.STALE_HOLD_AGE).minusSeconds(60);
        QuarkusTransaction.requiringNew().run(() ->
                db.session().find(FileBlobEntity.class, abandoned.sha256()).lastHeld = stale);

        contentStore.sweepOnStart(null);
        StoredContent held = store(unique());
        StoredContent attached = store(unique());
        QuarkusTransaction.requiringNew().run(() -> store.attach(attached.sha256()));
        contentStore.unusedSwept().get(30, TimeUnit.SECONDS);

        assertNotHeld(abandoned.sha256());
        assertThat(read(held.sha256())).isNotEmpty();
        assertThat(read(attached.sha256())).isNotEmpty();
        QuarkusTransaction.requiringNew().run(() -> store.release(attached.sha256()));
        store.letGo(held.sha256());
        assertNotHeld(attached.sha256());
        assertNotHeld(held.sha256());
    }

    @Test
    void aRolledBackReleaseKeepsTheContent() throws Exception {
        StoredContent content = store(unique());
        QuarkusTransaction.requiringNew().run(() -> store.attach(content.sha256()));

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            store.release(content.sha256());
            throw new IllegalStateException("rolled back");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(read(content.sha256())).isNotEmpty();
    }

    @Test
    void aRawSourceIsStoredCompressedWithTheDigestsOfTheCompressedFile() throws Exception {
        byte[] raw = ("a disk " + UUID.randomUUID() + "\n").repeat(10_000).getBytes(StandardCharsets.US_ASCII);

        StoredContent stored = store.storeCompressed(out -> out.write(raw), Compression.GZIP);

        byte[] held = read(stored.sha256());
        assertThat(held.length).isEqualTo(stored.size()).isLessThan(raw.length / 10);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(held))).isEqualTo(stored.sha256());
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(held))).isEqualTo(stored.sha1());
        try (InputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(held))) {
            assertThat(unzipped.readAllBytes()).isEqualTo(raw);
        }
    }

    @Test
    void aSourceThatFailsLeavesNothingBehindAndSaysWhy() throws Exception {
        long heldBefore = heldObjects();

        assertThatThrownBy(() -> store.storeCompressed(out -> {
            out.write(unique());
            throw new IOException("the disk went away");
        }, Compression.XZ)).isInstanceOf(UncheckedIOException.class).hasMessage("the disk went away");

        assertThat(heldObjects()).isEqualTo(heldBefore);
        assertThat(stagedUploads()).isZero();
    }

    /** Past several parts of an object store's upload, so what was sent must be taken back. */
    @Test
    void aLargeUploadThatBreaksMidwayLeavesNoObjectAndNoReference() throws Exception {
        long heldBefore = heldObjects();
        byte[] large = random(24 << 20);
        InputStream breaking = new FilterInputStream(new ByteArrayInputStream(large)) {
            private long read;

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (read > 20 << 20) {
                    throw new IOException("connection reset");
                }
                int count = super.read(buffer, offset, length);
                read += Math.max(count, 0);
                return count;
            }
        };

        assertThatThrownBy(() -> store.store(breaking, ExpectedContent.ANY))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("storing image file failed");

        assertThat(heldObjects()).isEqualTo(heldBefore);
        assertThat(stagedUploads()).isZero();
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(large));
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> store.attach(sha256)))
                .isInstanceOf(DomainException.class);
    }

    /** 40 MiB streams through in parts: it is being written while the source is still being read. */
    @Test
    void aLargeFileStreamsInWhileItIsRead() throws Exception {
        byte[] large = random(40 << 20);
        AtomicLong uploadsSeenMidway = new AtomicLong(-1);
        InputStream watched = new FilterInputStream(new ByteArrayInputStream(large)) {
            private long read;

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (read > 30 << 20 && uploadsSeenMidway.get() < 0) {
                    uploadsSeenMidway.set(stagedUploads());
                }
                int count = super.read(buffer, offset, length);
                read += Math.max(count, 0);
                return count;
            }
        };

        StoredContent stored = store.store(watched, ExpectedContent.ANY);

        assertThat(uploadsSeenMidway).hasValue(1);
        assertThat(stored.size()).isEqualTo(large.length);
        assertThat(stored.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(large)));
        assertThat(MessageDigest.getInstance("SHA-256").digest(read(stored.sha256())))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(large));
        assertThat(stagedUploads()).isZero();
        store.letGo(stored.sha256());
    }

    /** As two instances would: both uploads are in flight at once, and one object and one row stay. */
    @Test
    void twoStoresOfTheSameBytesAtOnceKeepOneObject() throws Exception {
        long heldBefore = heldObjects();
        byte[] bytes = random(1 << 20);
        CountDownLatch bothStarted = new CountDownLatch(2);
        List<CompletableFuture<StoredContent>> stores = List.of(1, 2).stream()
                .map(i -> CompletableFuture.supplyAsync(() -> store.store(new FilterInputStream(new ByteArrayInputStream(bytes)) {
                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        bothStarted.countDown();
                        try {
                            bothStarted.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            throw new IOException(e);
                        }
                        return super.read(buffer, offset, length);
                    }
                }, ExpectedContent.ANY))).toList();

        StoredContent first = stores.get(0).get(60, TimeUnit.SECONDS);
        StoredContent second = stores.get(1).get(60, TimeUnit.SECONDS);

        assertThat(second).isEqualTo(first);
        assertThat(heldObjects()).isEqualTo(heldBefore + 1);
        assertThat(stagedUploads()).isZero();
        QuarkusTransaction.requiringNew().run(() -> store.attach(first.sha256()));
        store.letGo(second.sha256());
        assertThat(read(first.sha256())).isEqualTo(bytes);
        QuarkusTransaction.requiringNew().run(() -> store.release(first.sha256()));
        assertThat(heldObjects()).isEqualTo(heldBefore);
    }

    private StoredContent store(byte[] bytes) {
        return store.store(new ByteArrayInputStream(bytes), ExpectedContent.ANY);
    }

    private byte[] read(String sha256) throws Exception {
        try (InputStream in = QuarkusTransaction.requiringNew().call(() -> store.open(sha256).stream())) {
            return in.readAllBytes();
        }
    }

    private void assertNotHeld(String sha256) {
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().call(() -> store.open(sha256)))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND));
    }

    private static byte[] unique() {
        return ("content " + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random().nextBytes(bytes);
        return bytes;
    }
}
