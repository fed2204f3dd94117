package dev.imageservice.domain.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The state moves of the aggregate: each legal move works, each illegal one throws and changes nothing. */
class ImageLifecycleTest {

    private static final Instant NOW = Instant.parse("2025-06-07T08:09:10.123456789Z");
    private static final ImageError ERROR = new ImageError("VmHasNoOrigin", "no origin");

    enum Move {
        ACTIVATE(image -> image.activate(NOW)),
        FAIL(image -> image.fail(ERROR)),
        DISABLE(Image::disable),
        ENABLE(Image::enable);

        final Consumer<Image> action;

        Move(Consumer<Image> action) {
            this.action = action;
        }
    }

    /** Every (state, move) pair with the state it must end in, or null when the move is illegal. */
    static Stream<Arguments> moves() {
        return Stream.of(
                Arguments.of(ImageState.CREATING, Move.ACTIVATE, ImageState.ACTIVE),
                Arguments.of(ImageState.CREATING, Move.FAIL, ImageState.FAILED),
                Arguments.of(ImageState.CREATING, Move.DISABLE, null),
                Arguments.of(ImageState.CREATING, Move.ENABLE, null),
                Arguments.of(ImageState.UNACTIVATED, Move.ACTIVATE, ImageState.ACTIVE),
                Arguments.of(ImageState.UNACTIVATED, Move.FAIL, null),
                Arguments.of(ImageState.UNACTIVATED, Move.DISABLE, null),
                Arguments.of(ImageState.UNACTIVATED, Move.ENABLE, null),
                Arguments.of(ImageState.ACTIVE, Move.ACTIVATE, null),
                Arguments.of(ImageState.ACTIVE, Move.FAIL, null),
                Arguments.of(ImageState.ACTIVE, Move.DISABLE, ImageState.DISABLED),
                Arguments.of(ImageState.ACTIVE, Move.ENABLE, null),
                // Activation is creating/unactivated → active; a disabled image is enabled, not re-activated.
                Arguments.of(ImageState.DISABLED, Move.ACTIVATE, null),
                Arguments.of(ImageState.DISABLED, Move.FAIL, null),
                Arguments.of(ImageState.DISABLED, Move.DISABLE, null),
                Arguments.of(ImageState.DISABLED, Move.ENABLE, ImageState.ACTIVE),
                Arguments.of(ImageState.FAILED, Move.ACTIVATE, null),
                Arguments.of(ImageState.FAILED, Move.FAIL, null),
                Arguments.of(ImageState.FAILED, Move.DISABLE, null),
                Arguments.of(ImageState.FAILED, Move.ENABLE, null));
    }

    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @MethodSource("moves")
    void everyMoveFromEveryState(ImageState from, Move move, ImageState expected) {
        Image image = withFile(from);
        ImageError errorBefore = image.error();
        Instant publishedBefore = image.publishedAt();

        if (expected == null) {
            assertThatThrownBy(() -> move.action.accept(image)).isInstanceOf(DomainException.class);
            assertThat(image.state()).isEqualTo(from);
            assertThat(image.error()).isEqualTo(errorBefore);
            assertThat(image.publishedAt()).isEqualTo(publishedBefore);
        } else {
            move.action.accept(image);
            assertThat(image.state()).isEqualTo(expected);
        }
    }

    @Test
    void moveTableCoversEveryStateAndMove() {
        assertThat(moves()).hasSize(ImageState.values().length * Move.values().length);
    }

    @ParameterizedTest
    @EnumSource(value = ImageState.class, names = {"CREATING", "UNACTIVATED"})
    void activationNeedsAFile(ImageState from) {
        Image image = Image.create(UUID.randomUUID(), UUID.randomUUID(), ImageFixtures.manifest("a", "1"), from);

        assertThatThrownBy(() -> image.activate(NOW))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        assertThat(image.state()).isEqualTo(from);
        assertThat(image.publishedAt()).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = ImageState.class, names = {"CREATING", "UNACTIVATED"})
    void activationSetsPublishedAtToNowInMilliseconds(ImageState from) {
        Image image = Image.create(UUID.randomUUID(), UUID.randomUUID(), ImageFixtures.manifest("a", "1"), from);
        image.attachFile(ImageFixtures.FILE);

        image.activate(NOW);

        assertThat(image.state()).isEqualTo(ImageState.ACTIVE);
        assertThat(image.file()).isEqualTo(ImageFixtures.FILE);
        assertThat(image.publishedAt()).isEqualTo(Instant.parse("2025-06-07T08:09:10.123Z"));
    }

    @Test
    void activationKeepsAPublishedAtAlreadySet() {
        Image image = Image.create(UUID.randomUUID(), UUID.randomUUID(), ImageFixtures.manifest("a", "1"),
                ImageState.UNACTIVATED);
        image.keepPublishedAt(Instant.parse("2019-03-04T05:06:07.890999Z"));
        image.attachFile(ImageFixtures.FILE);

        image.activate(NOW);

        assertThat(image.publishedAt()).isEqualTo(Instant.parse("2019-03-04T05:06:07.890Z"));
    }

    @Test
    void failRecordsTheError() {
        Image image = Image.create(UUID.randomUUID(), UUID.randomUUID(), ImageFixtures.manifest("a", "1"),
                ImageState.CREATING);

        image.fail(ERROR);

        assertThat(image.state()).isEqualTo(ImageState.FAILED);
        assertThat(image.error()).isEqualTo(ERROR);
    }

    @Test
    void failWithoutAReasonChangesNothing() {
        Image image = Image.create(UUID.randomUUID(), UUID.randomUUID(), ImageFixtures.manifest("a", "1"),
                ImageState.CREATING);

        assertThatThrownBy(() -> image.fail(null)).isInstanceOf(NullPointerException.class);
        assertThat(image.state()).isEqualTo(ImageState.CREATING);
        assertThat(image.error()).isNull();
    }

    @Test
    void disableThenEnableRoundTrips() {
        Image image = ImageFixtures.inState(ImageState.ACTIVE);
        Instant published = image.publishedAt();

        image.disable();
        assertThat(image.state()).isEqualTo(ImageState.DISABLED);
        image.enable();
        assertThat(image.state()).isEqualTo(ImageState.ACTIVE);
        assertThat(image.publishedAt()).isEqualTo(published);
    }

    @ParameterizedTest
    @EnumSource(value = ImageState.class, names = {"CREATING", "UNACTIVATED"})
    void newImagesStartCreatingOrUnactivated(ImageState initial) {
        Image image = Image.create(UUID.randomUUID(), UUID.randomUUID(), ImageFixtures.manifest("a", "1"), initial);

        assertThat(image.state()).isEqualTo(initial);
        assertThat(image.revision()).isZero();
        assertThat(image.file()).isNull();
        assertThat(image.publishedAt()).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = ImageState.class, names = {"ACTIVE", "DISABLED", "FAILED"})
    void newImagesCannotStartElsewhere(ImageState initial) {
        assertThatThrownBy(() -> Image.create(UUID.randomUUID(), UUID.randomUUID(),
                ImageFixtures.manifest("a", "1"), initial)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(value = ImageState.class, names = {"ACTIVE", "DISABLED", "FAILED"})
    void fileAndPublishedAtAreFixedOnceActivatedOrFailed(ImageState state) {
        Image image = ImageFixtures.inState(state);
        ImageFile file = image.file();
        Instant published = image.publishedAt();

        assertThatThrownBy(() -> image.attachFile(ImageFixtures.FILE.withSha256("a".repeat(64))))
                .isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> image.keepPublishedAt(NOW)).isInstanceOf(DomainException.class);
        assertThat(image.file()).isEqualTo(file);
        assertThat(image.publishedAt()).isEqualTo(published);
    }

    /** The image in the given state, holding a file so that only the state decides a move. */
    private static Image withFile(ImageState state) {
        Image image = ImageFixtures.inState(state);
        return image.file() != null ? image : Image.restore(image.id(), image.owner(), image.manifest(),
                image.state(), image.error(), ImageFixtures.FILE, image.publishedAt(), image.revision());
    }
}
