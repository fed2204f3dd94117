package dev.imageservice.application.service;

import static dev.imageservice.application.service.Fixtures.ALICE;
import static dev.imageservice.application.service.Fixtures.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.domain.access.ImageListFilter;
import dev.imageservice.domain.access.StateFilter;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.image.ImageUpdate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fake keeps the port's promises; the service tests rely on it doing so. */
class InMemoryImageRepositoryTest {

    private final InMemoryImageRepository images = new InMemoryImageRepository();

    @Test
    void aLoadedImageIsACopy() {
        Image stored = image(ALICE).storeIn(images);
        Image loaded = images.findById(stored.id()).orElseThrow();

        loaded.disable();

        assertThat(images.findById(stored.id()).orElseThrow().state()).isEqualTo(ImageState.ACTIVE);
    }

    @Test
    void eachUpdateIncrementsTheRevision() {
        Image stored = image(ALICE).storeIn(images);
        Image first = images.findById(stored.id()).orElseThrow();
        first.update(ImageUpdate.of(Map.of("description", "one")));
        images.update(first);

        Image second = images.findById(stored.id()).orElseThrow();
        assertThat(second.revision()).isEqualTo(1);
        assertThat(second.manifest().description().value()).isEqualTo("one");
        images.update(second);
        assertThat(images.findById(stored.id()).orElseThrow().revision()).isEqualTo(2);
    }

    @Test
    void aStaleUpdateIsAConflictAndWritesNothing() {
        Image stored = image(ALICE).storeIn(images);
        Image first = images.findById(stored.id()).orElseThrow();
        Image second = images.findById(stored.id()).orElseThrow();
        first.update(ImageUpdate.of(Map.of("description", "first")));
        images.update(first);

        second.update(ImageUpdate.of(Map.of("description", "second")));
        assertThatThrownBy(() -> images.update(second)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));

        assertThat(images.findById(stored.id()).orElseThrow().manifest().description().value()).isEqualTo("first");
    }

    @Test
    void anIdIsAddedOnce() {
        Image stored = image(ALICE).storeIn(images);
        assertThatThrownBy(() -> images.add(stored)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.IMAGE_UUID_ALREADY_EXISTS));
    }

    @Test
    void listOrderIsPublishedAtWithUnpublishedFirstThenIdAsText() {
        Image late = image(ALICE).publishedAt("2024-05-01T00:00:00Z").storeIn(images);
        Image early = image(ALICE).publishedAt("2023-05-01T00:00:00Z").storeIn(images);
        // Same instant: ids compared unsigned, so 8… sorts after 7… (UUID.compareTo would put it first).
        Image tieHigh = image(ALICE).publishedAt("2024-01-01T00:00:00Z").id("80000000-0000-4000-8000-000000000000")
                .storeIn(images);
        Image tieLow = image(ALICE).publishedAt("2024-01-01T00:00:00Z").id("70000000-0000-4000-8000-000000000000")
                .storeIn(images);
        Image unpublished = image(ALICE).state(ImageState.UNACTIVATED).storeIn(images);

        ImageListFilter all = new ImageListFilter(ALICE.id(), StateFilter.ALL, null, null, null, null, null, null);
        assertThat(images.list(all)).extracting(Image::id)
                .containsExactly(unpublished.id(), early.id(), tieLow.id(), tieHigh.id(), late.id());
    }
}
