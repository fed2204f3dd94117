package dev.imageservice.adapter.persistence.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageError;
import dev.imageservice.domain.image.ImageName;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.image.ImageVersion;
import dev.imageservice.domain.image.Manifest;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RecentImagesTest {

    private static final Duration AGE = Duration.ofSeconds(1);

    private long now = 1_000_000_000L;
    private final RecentImages recent = new RecentImages(AGE, () -> now);
    private final AtomicInteger reads = new AtomicInteger();

    private static Image image() {
        return Image.create(UUID.randomUUID(), UUID.randomUUID(),
                Manifest.named(ImageName.of("img"), ImageVersion.of("1")), ImageState.CREATING);
    }

    private Supplier<Optional<Image>> reading(Image stored) {
        return () -> {
            reads.incrementAndGet();
            return Optional.ofNullable(stored).map(Image::copy);
        };
    }

    @Test
    void anImageIsReadOncePerAge() {
        Image stored = image();
        recent.find(stored.id(), reading(stored));
        now += AGE.toNanos() - 1;
        assertThat(recent.find(stored.id(), reading(stored))).get().extracting(Image::id).isEqualTo(stored.id());
        assertThat(reads).hasValue(1);

        now += 1;
        recent.find(stored.id(), reading(stored));
        assertThat(reads).hasValue(2);
    }

    @Test
    void whatACallerDoesToItsImageIsNotKept() {
        Image stored = image();
        recent.find(stored.id(), reading(stored)).orElseThrow().fail(new ImageError("Broken", "changed by its caller"));
        recent.find(stored.id(), reading(stored)).orElseThrow().fail(new ImageError("Broken", "changed by its caller"));
        assertThat(recent.find(stored.id(), reading(stored)).orElseThrow().state()).isEqualTo(ImageState.CREATING);
        assertThat(reads).hasValue(1);
    }

    @Test
    void anAbsentImageIsReadEachTime() {
        UUID absent = UUID.randomUUID();
        assertThat(recent.find(absent, reading(null))).isEmpty();
        assertThat(recent.find(absent, reading(null))).isEmpty();
        assertThat(reads).hasValue(2);
    }

    @Test
    void aForgottenImageIsReadAgain() {
        Image stored = image();
        recent.find(stored.id(), reading(stored));
        recent.forget(stored.id());
        recent.find(stored.id(), reading(stored));
        assertThat(reads).hasValue(2);
    }

    /** The read may have seen the row before the change committed: keeping it would serve the old image for a whole age. */
    @Test
    void aReadUnderWayWhenAChangeCommitsIsNotKept() {
        Image stored = image();
        recent.find(stored.id(), () -> {
            Optional<Image> read = reading(stored).get();
            recent.forget(stored.id());
            return read;
        });
        recent.find(stored.id(), reading(stored));
        assertThat(reads).hasValue(2);
    }

    @Test
    void aFullMemoryStartsAgain() {
        Image first = image();
        recent.find(first.id(), reading(first));
        for (int i = 1; i < RecentImages.MAX_ENTRIES; i++) {
            Image other = image();
            recent.find(other.id(), reading(other));
        }
        recent.find(first.id(), reading(first));
        assertThat(reads).hasValue(RecentImages.MAX_ENTRIES);

        Image overflow = image();
        recent.find(overflow.id(), reading(overflow));
        recent.find(first.id(), reading(first));
        assertThat(reads).hasValue(RecentImages.MAX_ENTRIES + 2);
    }
}
