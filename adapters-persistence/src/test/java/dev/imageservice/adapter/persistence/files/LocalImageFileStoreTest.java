package dev.imageservice.adapter.persistence.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.application.port.out.ImageFileStore.ExpectedContent;
import dev.imageservice.application.port.out.ImageFileStore.StoredContent;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.Compression;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LocalImageFileStoreTest {

    @Inject
    LocalImageFileStore store;
    @ConfigProperty(name = "images.data-dir")
    Path dataDir;

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
    }

    @Test
    void discardingNeverTakesContentAnotherImageReferences() throws Exception {
        byte[] bytes = unique();
        StoredContent first = store(bytes);
        QuarkusTransaction.requiringNew().run(() -> store.addReference(first.sha256()));

        StoredContent again = store(bytes);
        store.discard(again.sha256());

        assertThat(read(first.sha256())).isEqualTo(bytes);
    }

    @Test
    void unreferencedContentIsDiscardedAndTheLastReleaseRemovesContent() throws Exception {
        StoredContent orphan = store(unique());
        store.discard(orphan.sha256());
        assertNotHeld(orphan.sha256());

        StoredContent shared = store(unique());
        QuarkusTransaction.requiringNew().run(() -> {
            store.addReference(shared.sha256());
            store.addReference(shared.sha256());
        });
        QuarkusTransaction.requiringNew().run(() -> store.release(shared.sha256()));
        assertThat(read(shared.sha256())).isNotEmpty();
        QuarkusTransaction.requiringNew().run(() -> store.release(shared.sha256()));
        assertNotHeld(shared.sha256());
    }

    @Test
    void aRolledBackReleaseKeepsTheContent() throws Exception {
        StoredContent content = store(unique());
        QuarkusTransaction.requiringNew().run(() -> store.addReference(content.sha256()));

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
        long heldBefore = heldFiles();

        assertThatThrownBy(() -> store.storeCompressed(out -> {
            out.write(unique());
            throw new IOException("the disk went away");
        }, Compression.XZ)).isInstanceOf(UncheckedIOException.class).hasMessage("the disk went away");

        assertThat(heldFiles()).isEqualTo(heldBefore);
        try (Stream<Path> partial = Files.list(dataDir.resolve("files/tmp"))) {
            assertThat(partial).isEmpty();
        }
    }

    private long heldFiles() throws IOException {
        Path held = dataDir.resolve("files/sha256");
        if (!Files.exists(held)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(held)) {
            return files.filter(Files::isRegularFile).count();
        }
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
}
