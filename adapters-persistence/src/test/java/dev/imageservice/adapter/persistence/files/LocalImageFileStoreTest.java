package dev.imageservice.adapter.persistence.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.application.port.out.ImageFileStore.ExpectedContent;
import dev.imageservice.application.port.out.ImageFileStore.StoredContent;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LocalImageFileStoreTest {

    @Inject
    LocalImageFileStore store;

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
