package dev.imageservice.domain.image;

import static dev.imageservice.domain.image.ImageState.ACTIVE;
import static dev.imageservice.domain.image.ImageState.CREATING;
import static dev.imageservice.domain.image.ImageState.DISABLED;
import static dev.imageservice.domain.image.ImageState.FAILED;
import static dev.imageservice.domain.image.ImageState.UNACTIVATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The image state transition table, every pair of states. */
class ImageStateTest {

    /** creating → active | failed; unactivated → active; active ⇄ disabled. Nothing else. */
    private static final Map<ImageState, Set<ImageState>> LEGAL = Map.of(
            CREATING, EnumSet.of(ACTIVE, FAILED),
            UNACTIVATED, EnumSet.of(ACTIVE),
            ACTIVE, EnumSet.of(DISABLED),
            DISABLED, EnumSet.of(ACTIVE),
            FAILED, EnumSet.noneOf(ImageState.class));

    static Stream<Arguments> everyPair() {
        return Stream.of(ImageState.values()).flatMap(from -> Stream.of(ImageState.values())
                .map(to -> Arguments.of(from, to, LEGAL.get(from).contains(to))));
    }

    @ParameterizedTest(name = "{0} -> {1} legal={2}")
    @MethodSource("everyPair")
    void transitionTable(ImageState from, ImageState to, boolean legal) {
        assertThat(from.canMoveTo(to)).isEqualTo(legal);
        if (legal) {
            assertThat(from.moveTo(to)).isEqualTo(to);
        } else {
            assertThatThrownBy(() -> from.moveTo(to)).isInstanceOf(DomainException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(ImageState.class)
    void onlyActiveAndDisabledAreActivated(ImageState state) {
        assertThat(state.isActivated()).isEqualTo(state == ACTIVE || state == DISABLED);
    }

    @ParameterizedTest
    @EnumSource(ImageState.class)
    void wireNamesRoundTrip(ImageState state) {
        assertThat(ImageState.fromWire(state.wireName())).isEqualTo(state);
        assertThat(state.wireName()).isEqualTo(state.name().toLowerCase());
    }

    @Test
    void unknownWireNameIsRefused() {
        assertThatThrownBy(() -> ImageState.fromWire("Active"))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER));
    }
}
