package dev.imageservice.application.service;

import static dev.imageservice.application.service.Fixtures.ALICE;
import static dev.imageservice.application.service.Fixtures.BOB;
import static dev.imageservice.application.service.Fixtures.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.application.port.in.DeleteImageCommand;
import dev.imageservice.application.port.out.ImageFileStore;
import dev.imageservice.domain.image.Compression;
import dev.imageservice.domain.image.ImageFile;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageState;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeleteImageServiceTest {

    private final InMemoryImageRepository images = new InMemoryImageRepository();
    private final InMemoryImageFileStore files = new InMemoryImageFileStore();
    private final DeleteImageService service = new DeleteImageService(new VisibleImages(images), images, files,
            new Transactions());

    @Test
    void deletingAnImageReleasesItsFileButNotContentAnotherImageShares() {
        ImageFileStore.StoredContent content = files.store(
                new ByteArrayInputStream("bytes".getBytes(StandardCharsets.US_ASCII)), ImageFileStore.ExpectedContent.ANY);
        ImageFile file = new ImageFile(content.sha1(), content.size(), Compression.NONE, content.sha256());
        Image first = withFile(image(ALICE).build(), file);
        Image second = withFile(image(ALICE).build(), file);
        images.add(first);
        files.attach(content.sha256());
        images.add(second);
        files.addReference(content.sha256());

        service.deleteImage(new DeleteImageCommand(ALICE, first.id().toString()));
        assertThat(files.hasContent(content.sha256())).isTrue();

        service.deleteImage(new DeleteImageCommand(ALICE, second.id().toString()));
        assertThat(files.hasContent(content.sha256())).isFalse();
    }

    @Test
    void anExpectedRevisionMustMatchAndAStaleOneDeletesNothing() {
        Image image = image(ALICE).storeIn(images);

        assertThatThrownBy(() -> service.deleteImage(new DeleteImageCommand(ALICE, image.id().toString(), 1L)))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PRECONDITION_FAILED));
        assertThat(images.findById(image.id())).isPresent();

        service.deleteImage(new DeleteImageCommand(ALICE, image.id().toString(), 0L));
        assertThat(images.findById(image.id())).isEmpty();
    }

    private static Image withFile(Image image, ImageFile file) {
        return Image.restore(image.id(), image.owner(), image.manifest(), image.state(), image.error(), file,
                image.publishedAt(), image.revision());
    }

    @ParameterizedTest
    @EnumSource(ImageState.class)
    void theOwnerDeletesAnImageInAnyState(ImageState state) {
        Image image = image(ALICE).state(state).storeIn(images);
        Image kept = image(ALICE).storeIn(images);

        service.deleteImage(new DeleteImageCommand(ALICE, image.id().toString()));

        assertThat(images.findById(image.id())).isEmpty();
        assertThat(images.findById(kept.id())).isPresent();
    }

    @Test
    void onlyTheOwnerMayDeleteAnImageTheyCanSee() {
        Image image = image(BOB).publicImage().sharedWith(ALICE).storeIn(images);

        assertThatThrownBy(() -> service.deleteImage(new DeleteImageCommand(ALICE, image.id().toString())))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_IMAGE_OWNER));
        assertThat(images.findById(image.id())).isPresent();
    }

    @Test
    void anInvisibleOrAbsentImageIsNotFound() {
        Image invisible = image(BOB).state(ImageState.UNACTIVATED).publicImage().storeIn(images);

        for (UUID id : new UUID[] {invisible.id(), UUID.randomUUID()}) {
            assertThatThrownBy(() -> service.deleteImage(new DeleteImageCommand(ALICE, id.toString())))
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
                        assertThat(e.getMessage()).isEqualTo("image " + id + " not found");
                    });
        }
        assertThat(images.findById(invisible.id())).isPresent();
    }

    @Test
    void anImageOthersBuildOnCannotBeDeletedUntilTheyAreGone() {
        Image base = image(ALICE).publicImage().storeIn(images);
        Image derived = image(BOB).origin(base.id()).storeIn(images);

        assertThatThrownBy(() -> service.deleteImage(new DeleteImageCommand(ALICE, base.id().toString())))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.IMAGE_HAS_DEPENDENT_IMAGES));
        assertThat(images.findById(base.id())).isPresent();

        service.deleteImage(new DeleteImageCommand(BOB, derived.id().toString()));
        service.deleteImage(new DeleteImageCommand(ALICE, base.id().toString()));
        assertThat(images.size()).isZero();
    }
}
