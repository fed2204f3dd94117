package dev.imageservice.domain.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MantaPathTest {

    @Test
    void slashesAreNormalisedAndAreasKnown() {
        MantaPath path = MantaPath.parse("//alice///stor/a//b/");

        assertThat(path.value()).isEqualTo("/alice/stor/a/b");
        assertThat(path.requireOwnedBy("alice")).isEqualTo(path);
        assertThat(path.isArea()).isFalse();
        assertThat(MantaPath.parse("/alice/public/").isArea()).isTrue();
        assertThat(path.child("img-1.0").withSuffix(".imgmanifest").value())
                .isEqualTo("/alice/stor/a/b/img-1.0.imgmanifest");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "alice/stor/x", "/alice/stor/\u0000x", "/alice/stor/a\nb", "/alice/stor/a\u007fb",
            "/alice/stor/..", "/alice/stor/./x", "/alice/stor/a\\b", "/alice/stor/%2e%2E", "/alice/stor/a%2Fb",
            "/alice/stor/a%5cb", "/alice/stor/a%00", "/alice/stor/\ud800x", "/alice/stor/\ufffd"})
    void namesNoStoreCouldHoldAreInvalidArguments(String raw) {
        assertInvalid(() -> MantaPath.parse(raw));
    }

    @Test
    void eachNameAndTheWholePathHaveByteLimits() {
        String longest = "é".repeat(MantaPath.MAX_SEGMENT_BYTES / 2) + "x";
        assertThat(MantaPath.parse("/alice/stor/" + longest).segments()).hasSize(3);
        assertInvalid(() -> MantaPath.parse("/alice/stor/" + longest + "x"));
        // A suffix that pushes the last name over the limit is refused too: the export's object names.
        assertInvalid(() -> MantaPath.parse("/alice/stor/" + "x".repeat(250)).withSuffix(".imgmanifest"));
        assertInvalid(() -> MantaPath.parse("/alice/stor/" + "x".repeat(3000)));

        String deep = "/alice/stor" + "/abcdefghi".repeat(94);
        assertThat(MantaPath.parse(deep).value()).hasSize(MantaPath.MAX_PATH_BYTES - 9);
        assertInvalid(() -> MantaPath.parse(deep + "/abcdefghi"));
    }

    @Test
    void ownershipAndAreaAreChecked() {
        assertThatThrownBy(() -> MantaPath.parse("/bob/stor/x").requireOwnedBy("alice"))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_MANTA_PATH_OWNER));
        assertInvalid(() -> MantaPath.parse("/alice/jobs/x").requireOwnedBy("alice"));
        assertInvalid(() -> MantaPath.parse("/alice").requireOwnedBy("alice"));
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }
}
