package dev.imageservice.application.service;

import static dev.imageservice.application.service.Fixtures.ALICE;
import static dev.imageservice.application.service.Fixtures.BOB;
import static dev.imageservice.application.service.Fixtures.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.application.port.in.UpdateImageCommand;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.Acl;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.image.ImageUpdate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class UpdateImageServiceTest {

    private final InMemoryImageRepository images = new InMemoryImageRepository();
    private final UpdateImageService service = new UpdateImageService(new VisibleImages(images), images,
            new Transactions());

    @ParameterizedTest
    @EnumSource(ImageState.class)
    void theOwnerUpdatesAnImageInAnyState(ImageState state) {
        Image image = image(ALICE).state(state).sharedWith(BOB).storeIn(images);

        Image updated = service.updateImage(new UpdateImageCommand(ALICE, image.id().toString(),
                Map.of("name", "renamed", "description", "now described", "os", "linux")));

        assertThat(updated.manifest().name().value()).isEqualTo("renamed");
        assertThat(updated.manifest().description().value()).isEqualTo("now described");
        assertThat(updated.manifest().os()).isEqualTo(image.manifest().os());
        assertThat(updated.state()).isEqualTo(state);
        assertThat(updated.revision()).isEqualTo(image.revision() + 1);
        Image stored = images.findById(image.id()).orElseThrow();
        assertThat(stored.manifest()).isEqualTo(updated.manifest());
        assertThat(stored.revision()).isEqualTo(updated.revision());
    }

    @Test
    void aclNullEmptiesTheAcl() {
        Image image = image(ALICE).sharedWith(BOB).storeIn(images);
        Map<String, Object> fields = new HashMap<>();
        fields.put("acl", null);

        Image updated = service.updateImage(new UpdateImageCommand(ALICE, image.id().toString(), fields));

        assertThat(updated.manifest().acl()).isEqualTo(Acl.EMPTY);
        assertThat(images.findById(image.id()).orElseThrow().manifest().acl().isEmpty()).isTrue();
    }

    @Test
    void onlyTheOwnerMayUpdateAnImageTheyCanSee() {
        Image image = image(BOB).sharedWith(ALICE).publicImage().storeIn(images);

        assertThatThrownBy(() -> service.updateImage(new UpdateImageCommand(ALICE, image.id().toString(),
                Map.of("name", "mine now"))))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_IMAGE_OWNER));
        assertUnchanged(image);
    }

    @Test
    void anInvisibleImageIsNotFound() {
        Image image = image(BOB).storeIn(images);

        assertThatThrownBy(() -> service.updateImage(new UpdateImageCommand(ALICE, image.id().toString(),
                Map.of("name", "x"))))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("image " + image.id() + " not found");
                });
        assertUnchanged(image);
    }

    @Test
    void noUpdatableFieldIsValidationFailed() {
        Image image = image(ALICE).storeIn(images);

        assertThatThrownBy(() -> service.updateImage(new UpdateImageCommand(ALICE, image.id().toString(),
                Map.of("state", "disabled", "public", true))))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        assertUnchanged(image);
    }

    @Test
    void badFieldsAreAllListedAndNothingIsStored() {
        Image image = image(ALICE).storeIn(images);

        assertThatThrownBy(() -> service.updateImage(new UpdateImageCommand(ALICE, image.id().toString(),
                Map.of("name", "ok", "homepage", "gopher://x", "acl", List.of("x")))))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.errors()).extracting(error -> error.field()).containsExactlyInAnyOrder("homepage", "acl");
                });
        assertUnchanged(image);
    }

    /** Another request changes the same field between this request's load and its update. */
    @Test
    void anOverlappingChangeIsAConflictAndTheOtherWriteSurvives() {
        Image image = image(ALICE).storeIn(images);
        InMemoryImageRepository racing = racingWith(Map.of("description", "the other request"), 1);
        racing.add(image);

        assertThatThrownBy(() -> updating(racing).updateImage(new UpdateImageCommand(ALICE, image.id().toString(),
                Map.of("description", "this request"))))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        Image stored = racing.findById(image.id()).orElseThrow();
        assertThat(stored.manifest().description().value()).isEqualTo("the other request");
        assertThat(stored.revision()).isEqualTo(1);
    }

    /** Other requests change other fields meanwhile, again and again: the update is applied to the fresh image. */
    @Test
    void aChangeOfOtherFieldsIsAppliedAgainAndBothSurvive() {
        Image image = image(ALICE).storeIn(images);
        InMemoryImageRepository racing = racingWith(Map.of("tags", Map.of("other", "request")), 3);
        racing.add(image);

        Image updated = updating(racing).updateImage(new UpdateImageCommand(ALICE, image.id().toString(),
                Map.of("description", "this request")));

        assertThat(updated.manifest().description().value()).isEqualTo("this request");
        assertThat(updated.manifest().tags().values()).isEqualTo(Map.of("other", "request"));
        assertThat(updated.revision()).isEqualTo(4);
    }

    @Test
    void writersThatNeverStopRacingEndInAConflictAfterBoundedAttempts() {
        Image image = image(ALICE).storeIn(images);
        InMemoryImageRepository racing = racingWith(Map.of("tags", Map.of("other", "request")), Integer.MAX_VALUE);
        racing.add(image);

        assertThatThrownBy(() -> updating(racing).updateImage(new UpdateImageCommand(ALICE, image.id().toString(),
                Map.of("description", "this request"))))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(racing.findById(image.id()).orElseThrow().revision()).isEqualTo(Transactions.MAX_ATTEMPTS);
    }

    @Test
    void anExpectedRevisionMustMatchAndNothingChangesWhenItDoesNot() {
        Image image = image(ALICE).storeIn(images);
        Image first = service.updateImage(new UpdateImageCommand(ALICE, image.id().toString(),
                Map.of("description", "first"), 0L));

        assertThatThrownBy(() -> service.updateImage(new UpdateImageCommand(ALICE, image.id().toString(),
                Map.of("description", "stale"), 0L)))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PRECONDITION_FAILED));
        assertUnchanged(first);
    }

    /** A repository where another request stores {@code change} on each of the first {@code times} loads. */
    private static InMemoryImageRepository racingWith(Map<String, Object> change, int times) {
        return new InMemoryImageRepository() {
            private int raced;

            @Override
            public Optional<Image> findById(UUID id) {
                Optional<Image> loaded = super.findById(id);
                if (raced < times) {
                    raced++;
                    Image other = super.findById(id).orElseThrow();
                    other.update(ImageUpdate.of(change));
                    super.update(other);
                }
                return loaded;
            }
        };
    }

    private static UpdateImageService updating(InMemoryImageRepository repository) {
        return new UpdateImageService(new VisibleImages(repository), repository, new Transactions());
    }

    private void assertUnchanged(Image image) {
        Image stored = images.findById(image.id()).orElseThrow();
        assertThat(stored.manifest()).isEqualTo(image.manifest());
        assertThat(stored.revision()).isEqualTo(image.revision());
    }
}
