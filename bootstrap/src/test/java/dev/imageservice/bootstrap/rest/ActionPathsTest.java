package dev.imageservice.bootstrap.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The image actions on paths of their own ({@code {id}/update}, {@code {id}/export},
 * {@code {id}/clone}, {@code import-from-datacenter}), which the OpenAPI document describes as typed
 * operations: they answer as CloudAPI's action routes do, and those routes are unchanged.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActionPathsTest {

    @Inject
    TestData data;

    private Caller alice;
    private Caller bob;
    private UUID bobsPrivate;

    @BeforeAll
    void seed() {
        alice = Caller.create(data, "paths");
        bob = Caller.create(data, "paths");
        bobsPrivate = data.image(bob.account(), "bobs-private").add().id();
    }

    private UUID alicesImage() {
        return data.image(alice.account(), "alices-image").description("before").add().id();
    }

    @Test
    void updateOnItsOwnPathAnswersAsTheActionRouteDoes() {
        UUID viaPath = alicesImage();
        UUID viaAction = alicesImage();
        Map<String, Object> body = Map.of("description", "after", "tags", Map.of("role", "db"));

        Response path = alice.signed().contentType("application/json").body(body).post("/my/images/" + viaPath + "/update");
        Response action = alice.signed().contentType("application/json").body(body)
                .post("/my/images/" + viaAction + "?action=update");

        assertThat(path.statusCode()).as(path.asString()).isEqualTo(200);
        assertThat(path.jsonPath().getString("description")).isEqualTo("after");
        assertThat(path.jsonPath().getString("tags.role")).isEqualTo("db");
        Map<String, Object> fromPath = path.jsonPath().getMap("");
        Map<String, Object> fromAction = action.jsonPath().getMap("");
        for (String differs : new String[] {"id", "published_at"}) {
            fromPath.remove(differs);
            fromAction.remove(differs);
        }
        assertThat(fromPath).isEqualTo(fromAction);
    }

    @Test
    void updateOnItsOwnPathRefusesAnEmptyUpdateLikeTheActionRoute() {
        ProtocolErrorsTest.assertError(alice.signed().contentType("application/json").body(Map.of())
                .post("/my/images/" + alicesImage() + "/update"), 422, "ValidationFailed");
    }

    @Test
    void cloneOnItsOwnPathRefusesWhatTheActionRouteRefuses() {
        // Cloning itself (files, origin chains) is covered by CloneImageTest and GeneratedClientIT.
        UUID own = alicesImage();
        ProtocolErrorsTest.assertError(alice.signed().post("/my/images/" + own + "/clone"), 422, "ImageNotShared");
        ProtocolErrorsTest.assertError(alice.signed().post("/my/images/" + own + "?action=clone"), 422, "ImageNotShared");
    }

    @Test
    void exportOnItsOwnPathTakesItsPathFromTheQuery() {
        UUID id = alicesImage();
        ProtocolErrorsTest.assertError(alice.signed().post("/my/images/" + id + "/export"), 409, "MissingParameter");
        // The typed path reads the inputs it documents: a manta_path in a body is not one of them.
        ProtocolErrorsTest.assertError(alice.signed().contentType("application/json")
                .body(Map.of("manta_path", "/" + alice.login() + "/stor/x")).post("/my/images/" + id + "/export"),
                409, "MissingParameter");
        ProtocolErrorsTest.assertError(alice.signed().queryParam("manta_path", "/" + bob.login() + "/stor/x")
                .post("/my/images/" + id + "/export"), 422, "NotMantaPathOwner");
    }

    @Test
    void anInvisibleImageIsNotFoundOnEveryActionPath() {
        for (String action : new String[] {"update", "export", "clone"}) {
            Response response = alice.signed().contentType("application/json").body(Map.of("name", "x"))
                    .queryParam("manta_path", "/" + alice.login() + "/stor/x")
                    .post("/my/images/" + bobsPrivate + "/" + action);
            ProtocolErrorsTest.assertError(response, 404, "ResourceNotFound");
        }
    }

    @Test
    void importOnItsOwnPathChecksItsParametersLikeTheActionRoute() {
        ProtocolErrorsTest.assertError(alice.signed().queryParam("id", UUID.randomUUID().toString())
                .post("/my/images/import-from-datacenter"), 409, "MissingParameter");
        ProtocolErrorsTest.assertError(alice.signed().queryParam("datacenter", "west").queryParam("id", "nope")
                .post("/my/images/import-from-datacenter"), 409, "InvalidArgument");
        Response unknown = alice.signed().queryParam("datacenter", "no-such-dc").queryParam("id", UUID.randomUUID().toString())
                .post("/my/images/import-from-datacenter");
        ProtocolErrorsTest.assertError(unknown, 422, "ValidationFailed");
        assertThat(unknown.jsonPath().getString("errors[0].field")).isEqualTo("datacenter");
    }

    @Test
    void theActionPathsServePostOnly() {
        Response get = alice.signed().get("/my/images/" + alicesImage() + "/clone");
        ProtocolErrorsTest.assertError(get, 405, "MethodNotAllowedError");
        assertThat(get.header("Allow")).isEqualTo("POST");

        Response preflight = alice.signed().options("/my/images/" + alicesImage() + "/export");
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Methods")).isEqualTo("POST");
    }

    @Test
    void importFromDatacenterIsStillAnImageIdForGetAndDelete() {
        ProtocolErrorsTest.assertError(alice.signed().get("/my/images/import-from-datacenter"), 404, "ResourceNotFound");
        ProtocolErrorsTest.assertError(alice.signed().delete("/my/images/import-from-datacenter"), 404, "ResourceNotFound");
    }
}
