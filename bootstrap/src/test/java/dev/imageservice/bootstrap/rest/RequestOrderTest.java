package dev.imageservice.bootstrap.rest;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The order of one request (docs/compatibility.md): routing, version, signature, parameters, :login, image, handler. Each test
 * makes a request wrong at two adjacent steps and expects the earlier step's answer.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestOrderTest {

    @Inject
    TestData data;

    private Caller alice;
    private Caller bob;
    private UUID bobsPrivate;

    @BeforeAll
    void seed() {
        alice = Caller.create(data, "order");
        bob = Caller.create(data, "order");
        bobsPrivate = data.image(bob.account(), "order-private").add().id();
    }

    @Test
    void routingComesBeforeTheVersion() {
        ProtocolErrorsTest.assertError(given().header("Accept-Version", "~1").get("/my/nothing/here/at/all"),
                404, "ResourceNotFound");
        ProtocolErrorsTest.assertError(given().header("Accept-Version", "~1").delete("/my/images"),
                405, "MethodNotAllowedError");
    }

    @Test
    void theVersionComesBeforeTheSignature() {
        ProtocolErrorsTest.assertError(given().header("Accept-Version", "~1").get("/my"), 400, "InvalidVersion");
    }

    @Test
    void theSignatureComesBeforeTheBody() {
        ProtocolErrorsTest.assertError(given().contentType("application/json").body("{broken")
                .post("/my/images/" + bobsPrivate), 401, "InvalidCredentials");
    }

    @Test
    void theBodyComesBeforeTheLogin() {
        ProtocolErrorsTest.assertError(alice.signed().contentType("application/json").body("{broken")
                .post("/" + bob.login() + "/images/" + bobsPrivate), 400, "InvalidContent");
    }

    @Test
    void theLoginComesBeforeTheImage() {
        ProtocolErrorsTest.assertError(alice.signed().get("/" + bob.login() + "/images/" + UUID.randomUUID()),
                403, "NotAuthorized");
        ProtocolErrorsTest.assertError(alice.signed().delete("/" + bob.login() + "/images/" + bobsPrivate),
                403, "NotAuthorized");
    }

    @Test
    void theImageComesBeforeTheAction() {
        ProtocolErrorsTest.assertError(alice.signed().post("/my/images/" + bobsPrivate), 404, "ResourceNotFound");
        ProtocolErrorsTest.assertError(alice.signed().post("/my/images/" + bobsPrivate + "?action=export"),
                404, "ResourceNotFound");
        ProtocolErrorsTest.assertError(alice.signed().post("/my/images/" + bobsPrivate + "?action=fly"),
                404, "ResourceNotFound");
        ProtocolErrorsTest.assertError(alice.signed().header("If-Match", "\"1\", \"2\"")
                .post("/my/images/" + bobsPrivate + "/update"), 404, "ResourceNotFound");
        ProtocolErrorsTest.assertError(alice.signed().header("If-Match", "\"1\", \"2\"")
                .delete("/my/images/" + bobsPrivate), 404, "ResourceNotFound");
    }
}
