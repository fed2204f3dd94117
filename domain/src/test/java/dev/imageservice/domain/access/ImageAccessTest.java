package dev.imageservice.domain.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageFixtures;
import dev.imageservice.domain.image.ImageState;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Owner-only actions and cloning (UpdateImage, DeleteImage, CloneImage in docs/compatibility.md). */
class ImageAccessTest {

    private static final UUID CALLER = UUID.fromString("c0000000-0000-4000-8000-000000000001");
    private static final UUID OTHER = UUID.fromString("d0000000-0000-4000-8000-000000000002");

    @ParameterizedTest
    @EnumSource(ImageState.class)
    void theOwnerMayChangeAnImageInAnyState(ImageState state) {
        Image image = ImageFixtures.inState(state, CALLER, ImageFixtures.manifest(false, List.of()));
        assertThatCode(() -> ImageAccess.requireOwner(CALLER, image)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource({"true,true", "true,false", "false,true", "false,false"})
    void nobodyElseMay(boolean isPublic, boolean shared) {
        Image image = ImageFixtures.inState(ImageState.ACTIVE, OTHER,
                ImageFixtures.manifest(isPublic, shared ? List.of(CALLER) : List.of()));
        assertThatThrownBy(() -> ImageAccess.requireOwner(CALLER, image))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_IMAGE_OWNER));
    }

    /**
     * owner (caller/other) × state × on the ACL → outcome. Activation is checked first; then only an
     * image of another account with the caller on its ACL may be cloned: one's own image and a public
     * image without the caller on the ACL are "not shared".
     */
    @ParameterizedTest(name = "owner={0} state={1} onAcl={2} public={3} -> {4}")
    @CsvSource({
            "other, active, true, false, OK",
            "other, active, true, true, OK",
            "other, disabled, true, false, OK",
            "other, active, false, true, IMAGE_NOT_SHARED",
            "other, active, false, false, IMAGE_NOT_SHARED",
            "other, disabled, false, true, IMAGE_NOT_SHARED",
            "self, active, true, false, IMAGE_NOT_SHARED",
            "self, active, false, true, IMAGE_NOT_SHARED",
            "self, disabled, false, false, IMAGE_NOT_SHARED",
            "other, unactivated, true, false, VALIDATION_FAILED",
            "other, creating, true, true, VALIDATION_FAILED",
            "other, failed, true, false, VALIDATION_FAILED",
            "self, unactivated, false, false, VALIDATION_FAILED",
            "self, creating, true, false, VALIDATION_FAILED",
            "self, failed, false, true, VALIDATION_FAILED",
    })
    void cloneable(String owner, String state, boolean onAcl, boolean isPublic, String outcome) {
        UUID ownerId = owner.equals("self") ? CALLER : OTHER;
        Image image = ImageFixtures.inState(ImageState.fromWire(state), ownerId,
                ImageFixtures.manifest(isPublic, onAcl ? List.of(OTHER, CALLER) : List.of(OTHER)));

        if (outcome.equals("OK")) {
            assertThatCode(() -> ImageAccess.requireCloneable(CALLER, image)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> ImageAccess.requireCloneable(CALLER, image))
                    .isInstanceOfSatisfying(DomainException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.valueOf(outcome)));
        }
    }
}
