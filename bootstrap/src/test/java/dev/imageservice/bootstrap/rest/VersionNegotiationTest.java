package dev.imageservice.bootstrap.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.domain.image.ImageType;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Accept-Version (then X-Api-Version, then Api-Version) ranges pick the highest of 7.0.0 ... 9.0.0.
 * The chosen version shows in the image types: before 8, smartmachine and virtualmachine.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VersionNegotiationTest {

    @Inject
    TestData data;

    private Caller alice;
    private UUID zone;
    private UUID lx;
    private UUID zvol;
    private UUID lxd;

    @BeforeAll
    void seed() {
        alice = Caller.create(data, "versions");
        zone = data.image(alice.account(), "v-zone").type(ImageType.ZONE_DATASET).add().id();
        lx = data.image(alice.account(), "v-lx").type(ImageType.LX_DATASET).add().id();
        zvol = data.image(alice.account(), "v-zvol").type(ImageType.ZVOL).add().id();
        lxd = data.image(alice.account(), "v-lxd").type(ImageType.LXD).add().id();
    }

    @ParameterizedTest
    @CsvSource({
            "'~9||~8', zone-dataset",     // triton
            "'~7||~8', zone-dataset",     // smartdc list/get: 8.0.0 is the highest match
            "'~7.2', smartmachine",       // smartdc create/update/...
            "'~7', smartmachine",
            "'7.3.0', smartmachine",
            "'*', zone-dataset",
            "'9.0.0', zone-dataset",
            "'~8', zone-dataset",
            "'>=7 <8', smartmachine"})
    void acceptVersionRangesChooseTheHighestServedVersion(String range, String zoneType) {
        Response response = alice.signed().header("Accept-Version", range).get("/my/images/" + zone);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("type")).isEqualTo(zoneType);
        assertThat(response.header("Api-Version")).isEqualTo("9.0.0");
    }

    @Test
    void noVersionHeaderMeansTheLatest() {
        assertThat(alice.signed().get("/my/images/" + zone).jsonPath().getString("type")).isEqualTo("zone-dataset");
    }

    @Test
    void beforeVersion8TypesAreSmartmachineAndVirtualmachine() {
        assertThat(typeAt("~7", lx)).isEqualTo("smartmachine");
        assertThat(typeAt("~7", zvol)).isEqualTo("virtualmachine");
        assertThat(typeAt("~7", lxd)).isEqualTo("lxd");
        assertThat(typeAt("~8", lx)).isEqualTo("lx-dataset");
        assertThat(typeAt("~8", zvol)).isEqualTo("zvol");
    }

    @Test
    void listsUseTheNegotiatedTypesToo() {
        Response response = alice.signed().header("Accept-Version", "~7.2").get("/my/images");

        assertThat(response.jsonPath().getString("find { it.id == '" + zvol + "' }.type")).isEqualTo("virtualmachine");
    }

    @Test
    void xApiVersionAndApiVersionAreHonouredInThatOrder() {
        assertThat(alice.signed().header("X-Api-Version", "~7").get("/my/images/" + zone)
                .jsonPath().getString("type")).isEqualTo("smartmachine");
        assertThat(alice.signed().header("Api-Version", "~7").get("/my/images/" + zone)
                .jsonPath().getString("type")).isEqualTo("smartmachine");
        // smartdc sends both, with the same range
        assertThat(alice.signed().header("Api-Version", "~7||~8").header("Accept-Version", "~7||~8")
                .get("/my/images/" + zone).jsonPath().getString("type")).isEqualTo("zone-dataset");
        assertThat(alice.signed().header("Accept-Version", "~9").header("X-Api-Version", "~7")
                .get("/my/images/" + zone).jsonPath().getString("type")).isEqualTo("zone-dataset");
        assertThat(alice.signed().header("X-Api-Version", "~9").header("Api-Version", "~7")
                .get("/my/images/" + zone).jsonPath().getString("type")).isEqualTo("zone-dataset");
    }

    @ParameterizedTest
    @CsvSource({"'~6'", "'~10'", "'6.0.0'", "'garbage'", "'!!'", "'8.1'"})
    void aRangeNoRouteVersionSatisfiesIsInvalidVersion(String range) {
        Response response = alice.signed().header("Accept-Version", range).get("/my/images");

        ProtocolErrorsTest.assertError(response, 400, "InvalidVersion");
    }

    @Test
    void theVersionIsCheckedBeforeTheSignature() {
        Response response = given().header("Accept-Version", "~6").get("/my/images");

        ProtocolErrorsTest.assertError(response, 400, "InvalidVersion");
    }

    private String typeAt(String range, UUID id) {
        return alice.signed().header("Accept-Version", range).get("/my/images/" + id).jsonPath().getString("type");
    }
}
