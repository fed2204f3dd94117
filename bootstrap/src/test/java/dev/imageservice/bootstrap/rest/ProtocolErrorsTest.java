package dev.imageservice.bootstrap.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Bad input never yields a 500 or an HTML page: unknown paths, wrong methods, bad bodies. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtocolErrorsTest {

    @Inject
    TestData data;

    private Caller alice;
    private UUID imageId;

    @BeforeAll
    void seed() {
        alice = Caller.create(data, "protocol");
        imageId = data.image(alice.account(), "protocol-image").add().id();
    }

    @Test
    void anUnknownPathDoesNotExist() {
        for (String path : new String[] {"/my/snapshots", "/my/images/a/b/c", "/a/b/c/d", "/q/nothing-here"}) {
            Response response = alice.signed().get(path);

            assertError(response, 404, "ResourceNotFound");
            assertThat(response.jsonPath().getString("message")).isEqualTo(path + " does not exist");
        }
    }

    @Test
    void aWrongMethodOnAKnownPathIs405WithAllow() {
        assertMethodNotAllowed(given().delete("/my/images"), "DELETE", "GET, HEAD, POST");
        assertMethodNotAllowed(given().put("/my/images"), "PUT", "GET, HEAD, POST");
        assertMethodNotAllowed(given().put("/my/images/" + imageId), "PUT", "GET, HEAD, POST, DELETE");
        assertMethodNotAllowed(given().patch("/my/images/" + imageId), "PATCH", "GET, HEAD, POST, DELETE");
        assertMethodNotAllowed(given().post("/my"), "POST", "GET, HEAD");
        assertMethodNotAllowed(given().delete("/my"), "DELETE", "GET, HEAD");
    }

    @Test
    void aBodyOverTheCapIs413() {
        byte[] body = new byte[100_001];
        Arrays.fill(body, (byte) ' ');

        Response response = alice.signed().contentType("application/json").body(body)
                .post("/my/images/" + imageId + "?action=update");

        assertError(response, 413, "RequestEntityTooLargeError");
    }

    @Test
    void aBodyOfExactlyTheCapIsRead() {
        String json = "{\"description\":\"\"}";
        String padded = json + " ".repeat(100_000 - json.length());

        Response response = alice.signed().contentType("application/json")
                .body(padded.getBytes(StandardCharsets.US_ASCII))
                .post("/my/images/" + imageId + "?action=update");

        // Past the size check: the empty description is then refused by validation.
        assertError(response, 422, "ValidationFailed");
    }

    @Test
    void malformedJsonIsInvalidContent() {
        Response response = alice.signed().contentType("application/json").body("{\"action\": \"update\",")
                .post("/my/images/" + imageId);

        assertError(response, 400, "InvalidContent");
    }

    @Test
    void aJsonBodyThatIsNotAnObjectIsInvalidContent() {
        Response response = alice.signed().contentType("application/json").body("[1, 2]")
                .post("/my/images/" + imageId + "?action=update");

        assertError(response, 400, "InvalidContent");
    }

    @Test
    void anEmptyOrNullBodyIsNoParameters() {
        assertError(alice.signed().contentType("application/json").body("").post("/my/images/" + imageId),
                409, "MissingParameter");
        assertError(alice.signed().contentType("application/json").body("null").post("/my/images/" + imageId),
                409, "MissingParameter");
    }

    @Test
    void anUnservableAcceptHeaderIsWrongAcceptInJson() {
        Response response = alice.signed().accept("text/html").get("/my/images");

        assertError(response, 406, "WrongAccept");
    }

    @Test
    void unknownQueryParametersAreIgnored() {
        Response response = alice.signed().queryParam("limit", "1000").queryParam("sort", "nonsense")
                .get("/my/images");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getList("id", String.class)).contains(imageId.toString());
    }

    @Test
    void openApiNeedsNoSignature() {
        assertThat(given().get("/q/openapi").statusCode()).isEqualTo(200);
    }

    private static void assertMethodNotAllowed(Response response, String method, String allow) {
        assertError(response, 405, "MethodNotAllowedError");
        assertThat(response.header("Allow")).isEqualTo(allow);
        assertThat(response.jsonPath().getString("message")).isEqualTo(method + " is not allowed");
    }

    static void assertError(Response response, int status, String code) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.jsonPath().getString("code")).isEqualTo(code);
        assertThat(response.jsonPath().getString("message")).isNotBlank();
        ResponseHeadersTest.assertBodyDigest(response);
    }
}
