package dev.imageservice.domain.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.ImageState;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Query parameters of ListImages as the caller writes them; bad values are 422 InvalidParameter. */
class FilterParsingTest {

    @Test
    void stateDefaultsToActive() {
        assertThat(StateFilter.parse(null)).isEqualTo(StateFilter.ACTIVE);
        assertThat(StateFilter.parse("active")).isEqualTo(StateFilter.ACTIVE);
        assertThat(StateFilter.parse("all")).isEqualTo(StateFilter.ALL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"disabled", "unactivated", "creating", "failed"})
    void otherStatesNarrowToOwnImages(String value) {
        StateFilter filter = StateFilter.parse(value);
        assertThat(filter.kind()).isEqualTo(StateFilter.Kind.OWN_IN_STATE);
        assertThat(filter.ownState()).isEqualTo(ImageState.fromWire(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ALL", "Active", "enabled", "deleted", "active,disabled", " active"})
    void badStatesAreInvalidParameter(String value) {
        assertInvalidParameter(() -> StateFilter.parse(value));
    }

    @ParameterizedTest
    @CsvSource({"true,true", "false,false"})
    void publicIsTrueOrFalse(String value, boolean expected) {
        assertThat(ImageListFilter.parsePublic(value)).isEqualTo(expected);
        assertThat(ImageListFilter.parsePublic(null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "TRUE", "False", "1", "0", "yes", "no"})
    void badPublicIsInvalidParameter(String value) {
        assertInvalidParameter(() -> ImageListFilter.parsePublic(value));
    }

    @Test
    void ownerIsAUuid() {
        UUID owner = UUID.randomUUID();
        assertThat(ImageListFilter.parseOwner(owner.toString())).isEqualTo(owner);
        assertThat(ImageListFilter.parseOwner(null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "alice", "1-1-1-1-1", "c0000000-0000-4000-8000-00000000000"})
    void badOwnerIsInvalidParameter(String value) {
        assertInvalidParameter(() -> ImageListFilter.parseOwner(value));
    }

    @Test
    void aLeadingTildeMeansSubstring() {
        assertThat(TextMatch.parse(null)).isNull();
        assertThat(TextMatch.parse("base")).isEqualTo(new TextMatch("base", false));
        assertThat(TextMatch.parse("~base")).isEqualTo(new TextMatch("base", true));
        assertThat(TextMatch.parse("~~base")).isEqualTo(new TextMatch("~base", true));
        assertThat(TextMatch.parse("ba~se")).isEqualTo(new TextMatch("ba~se", false));
    }

    @Test
    void theDefaultFilterIsActiveAndHidesNothingElse() {
        UUID caller = UUID.randomUUID();
        assertThat(new ImageListFilter(caller, null, null, null, null, null, null, null).state())
                .isEqualTo(StateFilter.ACTIVE);
        assertThat(ImageListFilter.everythingVisibleTo(caller))
                .isEqualTo(new ImageListFilter(caller, StateFilter.ACTIVE, null, null, null, null, null, null));
    }

    private static void assertInvalidParameter(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER));
    }
}
