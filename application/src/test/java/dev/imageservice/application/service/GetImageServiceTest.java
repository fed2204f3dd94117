package dev.imageservice.application.service;

import static dev.imageservice.application.service.Fixtures.ALICE;
import static dev.imageservice.application.service.Fixtures.BOB;
import static dev.imageservice.application.service.Fixtures.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.application.port.in.GetImageQuery;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageState;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class GetImageServiceTest {

    private final InMemoryImageRepository images = new InMemoryImageRepository();
    private final GetImageService service = new GetImageService(new VisibleImages(images));

    @ParameterizedTest
    @EnumSource(ImageState.class)
    void theOwnerGetsAnImageInAnyState(ImageState state) {
        Image image = image(ALICE).state(state).storeIn(images);

        Image found = service.getImage(new GetImageQuery(ALICE, image.id().toString()));

        assertThat(found.id()).isEqualTo(image.id());
        assertThat(found.state()).isEqualTo(state);
    }

    @ParameterizedTest
    @EnumSource(value = ImageState.class, names = {"ACTIVE", "DISABLED"})
    void othersGetActivatedImagesSharedWithThemOrPublic(ImageState state) {
        Image shared = image(BOB).state(state).sharedWith(ALICE).storeIn(images);
        Image open = image(BOB).state(state).publicImage().storeIn(images);

        assertThat(service.getImage(new GetImageQuery(ALICE, shared.id().toString())).id()).isEqualTo(shared.id());
        assertThat(service.getImage(new GetImageQuery(ALICE, open.id().toString())).id()).isEqualTo(open.id());
    }

    /** An invisible image answers exactly as an absent one: its existence must not leak. */
    @ParameterizedTest
    @ValueSource(strings = {"private", "unactivated-public", "creating-shared", "failed-public", "absent"})
    void invisibleAndAbsentAreTheSameNotFound(String kind) {
        UUID id = switch (kind) {
            case "private" -> image(BOB).storeIn(images).id();
            case "unactivated-public" -> image(BOB).state(ImageState.UNACTIVATED).publicImage().storeIn(images).id();
            case "creating-shared" -> image(BOB).state(ImageState.CREATING).sharedWith(ALICE).storeIn(images).id();
            case "failed-public" -> image(BOB).state(ImageState.FAILED).publicImage().storeIn(images).id();
            default -> UUID.randomUUID();
        };

        assertThatThrownBy(() -> service.getImage(new GetImageQuery(ALICE, id.toString())))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("image " + id + " not found");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope", "1-1-1-1-1", "a11ce000-0000-4000-8000-00000000000", ""})
    void anIdThatIsNotAUuidIsNotFoundByItsText(String id) {
        image(ALICE).storeIn(images);

        assertThatThrownBy(() -> service.getImage(new GetImageQuery(ALICE, id)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo(id + " not found");
                });
    }

    /** From memory, an image not at hand is not yet known to be absent; one at hand is judged as getImage judges it. */
    @Test
    void fromMemoryAnImageAtHandIsJudgedAndOneNotAtHandIsNoAnswer() {
        Image own = image(ALICE).storeIn(images);
        Image hidden = image(BOB).storeIn(images);

        assertThat(service.getImageFromMemory(new GetImageQuery(ALICE, own.id().toString()))).get()
                .extracting(Image::id).isEqualTo(own.id());
        assertThatThrownBy(() -> service.getImageFromMemory(new GetImageQuery(ALICE, hidden.id().toString())))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND));
        assertThatThrownBy(() -> service.getImageFromMemory(new GetImageQuery(ALICE, "nope")))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND));
        assertThat(service.getImageFromMemory(new GetImageQuery(ALICE, UUID.randomUUID().toString()))).isEmpty();
    }
}
