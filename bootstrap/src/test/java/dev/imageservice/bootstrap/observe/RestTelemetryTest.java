package dev.imageservice.bootstrap.observe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.bootstrap.rest.Caller;
import dev.imageservice.bootstrap.rest.TestData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageState;
import org.junit.jupiter.api.Test;

/** /q/metrics and the access log of REST requests, on the running application with real signatures. */
@QuarkusTest
class RestTelemetryTest {

    @Inject
    TestData data;

    @Test
    void aSignedRequestIsCountedByItsOperationAndLoggedWithItsRequestIdAndLogin() {
        Caller alice = Caller.create(data, "alice");
        String[] listed = {"operation=\"ListImages\"", "protocol=\"REST\"", "status=\"2xx\""};
        double before = Scrape.value("images_requests_seconds_count", listed);
        String requestId = "rest-" + UUID.randomUUID();

        try (LogCapture log = LogCapture.accessLog()) {
            String answered = alice.signed().header("x-request-id", requestId).get("/" + alice.login() + "/images")
                    .then().statusCode(200).extract().header("Request-Id");

            assertThat(answered).isEqualTo(requestId);
            // The line is written when the response has ended, just after the client has it.
            eventually(() -> !log.lines().isEmpty());
            assertThat(log.lines()).singleElement().asString().contains(
                    "REST ListImages GET /" + alice.login() + "/images -> 200 in ", "login=" + alice.login(),
                    "request-id=" + requestId);
        }
        assertThat(Scrape.value("images_requests_seconds_count", listed)).isEqualTo(before + 1);
        assertThat(Scrape.value("images_requests_seconds_bucket", listed)).isPositive();
    }

    @Test
    void aRefusedRequestIsCountedAsAClientErrorAndByTheReasonTheCallerIsNotTold() {
        Caller alice = Caller.create(data, "alice");
        double unsigned = Scrape.value("images_auth_failures_total", "reason=\"no-signature\"");
        double unknownAccount = Scrape.value("images_auth_failures_total", "reason=\"unknown-account\"");
        double refused = Scrape.value("images_requests_seconds_count", "operation=\"GetImage\"", "status=\"4xx\"");

        given().get("/" + alice.login() + "/images/" + UUID.randomUUID()).then().statusCode(401);
        Account unknown = new Account(UUID.randomUUID(), TestData.uniqueLogin("nobody"), null, false, false,
                Instant.now(), Instant.now());
        Caller stranger = new Caller(unknown, alice.key());
        stranger.signed().get("/my/images/" + UUID.randomUUID()).then().statusCode(401);

        assertThat(Scrape.value("images_auth_failures_total", "reason=\"no-signature\"")).isEqualTo(unsigned + 1);
        assertThat(Scrape.value("images_auth_failures_total", "reason=\"unknown-account\"")).isEqualTo(unknownAccount + 1);
        assertThat(Scrape.value("images_requests_seconds_count", "operation=\"GetImage\"", "status=\"4xx\""))
                .isEqualTo(refused + 2);
    }

    /** A client's bad input leaves no stack trace; the server's own fault leaves one, with the Request-Id answered. */
    @Test
    void onlyTheServersOwnFaultsAreLoggedWithAStackTrace() {
        Caller alice = Caller.create(data, "alice");
        Caller bob = Caller.create(data, "bob");
        // The clone needs the shared image's file, which the store does not hold: an InternalError.
        Image hollow = data.image(bob.account(), "hollow").sharedWith(alice.account()).fileMissingFromStore().add();
        String image = "/" + bob.login() + "/images/" + hollow.id();

        try (LogCapture log = LogCapture.everything()) {
            bob.signed().contentType("application/json").body("{broken").post(image + "?action=update")
                    .then().statusCode(400);
            bob.signed().header("If-Match", "\"1\", \"2\"").delete(image).then().statusCode(400);
            bob.signed().contentType("application/json").body("{\"name\": \"" + "n".repeat(2000) + "\"}")
                    .post(image + "?action=update").then().statusCode(422);
            bob.signed().get("/" + bob.login() + "/images/not-a-uuid").then().statusCode(404);
            given().get(image).then().statusCode(401);
            String requestId = alice.signed().post("/" + alice.login() + "/images/" + hollow.id() + "?action=clone")
                    .then().statusCode(500).body("code", org.hamcrest.Matchers.equalTo("InternalError"))
                    .extract().header("Request-Id");

            eventually(() -> !serverFaults(log).isEmpty());
            assertThat(serverFaults(log)).singleElement().asString()
                    .contains("request " + requestId + " failed unexpectedly");
        }
    }

    /** Stack traces logged while the capture was open; a background job's own faults are no request's. */
    private static List<String> serverFaults(LogCapture log) {
        return log.withStackTraces().stream().filter(line -> !line.startsWith(JobTelemetry.class.getName())).toList();
    }

    @Test
    void theGaugesCountImagesByStateFromTheDatabase() {
        Caller alice = Caller.create(data, "alice");
        double disabled = Scrape.value("images_images", "state=\"disabled\"");

        data.image(alice.account(), "counted").state(ImageState.DISABLED).add();

        // The counts are kept for a second, so that one scrape costs one set of queries.
        eventually(() -> Scrape.value("images_images", "state=\"disabled\"") == disabled + 1);
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .contains("images_jobs{state=\"queued\"}", "images_jobs{state=\"running\"}", "images_file_store_bytes ");
    }

    private static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 5 s").isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
