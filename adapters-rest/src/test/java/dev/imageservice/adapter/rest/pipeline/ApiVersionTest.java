package dev.imageservice.adapter.rest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.imageservice.adapter.rest.error.ErrorStatus;
import dev.imageservice.adapter.rest.error.ProtocolException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Version negotiation: the highest supported version a client's npm-style range allows. */
class ApiVersionTest {

    @ParameterizedTest
    @CsvSource({
            "'~9||~8', 9.0.0",       // triton
            "'~7||~8', 8.0.0",       // smartdc list and get
            "~7.2, 7.2.0",           // smartdc create, update, export, delete
            "*, 9.0.0",
            "'>=7.1 <7.3', 7.2.0",
            "' ~8 ', 8.0.0"})
    void theHighestSupportedVersionInTheRangeIsChosen(String range, String chosen) {
        assertThat(ApiVersion.negotiate(range, "GET /my/images")).hasToString(chosen);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = "  ")
    void noRangeMeansTheLatest(String range) {
        assertThat(ApiVersion.negotiate(range, "GET /my/images")).isEqualTo(ApiVersion.LATEST);
        assertThat(ApiVersion.LATEST).hasToString("9.0.0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"~6", "10.0.0", "^10", "not a range"})
    void aRangeNoVersionSatisfiesIsInvalidVersion(String range) {
        ProtocolException refused = catchThrowableOfType(ProtocolException.class,
                () -> ApiVersion.negotiate(range, "GET /my/images"));

        assertThat(refused.error()).isEqualTo(ErrorStatus.Protocol.INVALID_VERSION);
        assertThat(refused.error().status()).isEqualTo(400);
        assertThat(refused).hasMessage(range + " is not supported by GET /my/images");
    }

    @ParameterizedTest
    @CsvSource({"~7.2, true", "~7||~8, false", "~9, false"})
    void versionsBeforeEightNameImageTypesTheOldWay(String range, boolean legacy) {
        assertThat(ApiVersion.negotiate(range, "GET /my/images").usesLegacyImageTypes()).isEqualTo(legacy);
    }
}
