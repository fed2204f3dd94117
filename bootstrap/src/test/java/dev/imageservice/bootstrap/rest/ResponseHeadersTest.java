package dev.imageservice.bootstrap.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The headers of every response, body digests, HEAD and OPTIONS. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseHeadersTest {

    private static final String ALLOW_HEADERS =
            "Accept, Accept-Version, Content-Length, Content-MD5, Content-Type, Date, Api-Version, Response-Time";
    private static final String NON_ASCII_DESCRIPTION = "caf\u00e9 \u65e5\u672c \uD83D\uDE00 \"quoted\"";

    @Inject
    TestData data;

    private Caller alice;
    private UUID imageId;

    @BeforeAll
    void seed() {
        alice = Caller.create(data, "headers");
        imageId = data.image(alice.account(), "headers-image").description(NON_ASCII_DESCRIPTION)
                .tags(Map.of("note", "\u00fcber")).add().id();
    }

    @Test
    void aListCarriesEveryCloudApiHeader() {
        Response response = alice.signed().get("/my/images");

        assertThat(response.statusCode()).isEqualTo(200);
        assertCloudApiHeaders(response, "GET, HEAD, POST");
    }

    @Test
    void anImageRouteAnnouncesItsFourMethods() {
        Response response = alice.signed().get("/my/images/" + imageId);

        assertThat(response.statusCode()).isEqualTo(200);
        assertCloudApiHeaders(response, "GET, HEAD, POST, DELETE");
    }

    @Test
    void theAccountRouteAnnouncesGetAndHead() {
        Response response = alice.signed().get("/my");

        assertThat(response.statusCode()).isEqualTo(200);
        assertCloudApiHeaders(response, "GET, HEAD");
    }

    @Test
    void errorsCarryTheHeadersToo() {
        Response unauthenticated = given().get("/my/images");
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        assertCloudApiHeaders(unauthenticated, "GET, HEAD, POST");

        Response unknownPath = given().get("/no/such/path/here");
        assertThat(unknownPath.statusCode()).isEqualTo(404);
        assertThat(unknownPath.header("Api-Version")).isEqualTo("9.0.0");
        assertThat(unknownPath.header("Request-Id")).isNotBlank();
        assertThat(unknownPath.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertBodyDigest(unknownPath);
    }

    @Test
    void theRequestIdOfTheRequestIsEchoed() {
        assertThat(alice.signed().header("request-id", "abc-123").get("/my").header("Request-Id"))
                .isEqualTo("abc-123");
        assertThat(alice.signed().header("x-request-id", "xyz-789").get("/my").header("Request-Id"))
                .isEqualTo("xyz-789");
    }

    @Test
    void anOtherwiseNewRequestIdIsAUuidPerResponse() {
        String first = alice.signed().get("/my").header("Request-Id");
        String second = alice.signed().get("/my").header("Request-Id");

        assertThat(UUID.fromString(first)).isNotEqualTo(UUID.fromString(second));
    }

    @Test
    void contentMd5AndLengthDescribeTheExactBytesReceived() {
        assertBodyDigest(alice.signed().get("/my/images"));
        assertBodyDigest(alice.signed().get("/my/images/" + imageId));
        assertBodyDigest(alice.signed().get("/my/images/" + UUID.randomUUID()));
    }

    @Test
    void jsonIsAsciiOnlyWithNonAsciiCharactersEscaped() {
        Response response = alice.signed().get("/my/images/" + imageId);

        byte[] body = response.asByteArray();
        for (byte b : body) {
            assertThat(b & 0xff).as("every byte is ASCII").isLessThan(0x80);
        }
        String text = new String(body, StandardCharsets.US_ASCII).toLowerCase();
        assertThat(text).contains("caf\\u00e9").contains("\\ud83d\\ude00").contains("\\u00fcber");
        assertThat(response.jsonPath().getString("description")).isEqualTo(NON_ASCII_DESCRIPTION);
        assertThat(response.jsonPath().getString("tags.note")).isEqualTo("\u00fcber");
        assertBodyDigest(response);
    }

    @Test
    void headIsGetWithoutTheBody() {
        for (String path : List.of("/my/images", "/my/images/" + imageId, "/my")) {
            Response get = alice.signed().get(path);
            Response head = alice.signed().head(path);

            assertThat(head.statusCode()).as(path).isEqualTo(get.statusCode());
            assertThat(head.asByteArray()).as(path).isEmpty();
            for (String name : List.of("Content-Type", "Content-Length", "Content-MD5", "Api-Version",
                    "Access-Control-Allow-Methods", "Server")) {
                assertThat(head.header(name)).as(path + " " + name).isEqualTo(get.header(name));
            }
        }
    }

    @Test
    void headOfAnErrorKeepsTheErrorsHeaders() {
        Response head = alice.signed().head("/my/images/" + UUID.randomUUID());

        assertThat(head.statusCode()).isEqualTo(404);
        assertThat(head.asByteArray()).isEmpty();
        assertThat(head.header("Content-MD5")).isNotBlank();
        assertThat(head.header("Api-Version")).isEqualTo("9.0.0");
    }

    @Test
    void preflightNeedsNoSignatureAndNamesTheRoutesMethods() {
        Map<String, String> routes = Map.of(
                "/my/images", "GET, HEAD, POST",
                "/my/images/" + imageId, "GET, HEAD, POST, DELETE",
                "/my", "GET, HEAD");
        routes.forEach((path, methods) -> {
            Response response = given().header("Origin", "https://example.com")
                    .header("Access-Control-Request-Method", "GET").options(path);

            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.header("Access-Control-Allow-Methods")).as(path).isEqualTo(methods);
            assertThat(response.header("Allow")).as(path).isEqualTo(methods);
            assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("*");
            assertThat(response.header("Access-Control-Allow-Headers")).isEqualTo(ALLOW_HEADERS);
            assertThat(response.header("Api-Version")).isEqualTo("9.0.0");
        });
    }

    @Test
    void aDeletionAnswers204WithNoBodyAndNoDigest() {
        UUID doomed = data.image(alice.account(), "headers-doomed").add().id();

        Response response = alice.signed().delete("/my/images/" + doomed);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.asByteArray()).isEmpty();
        assertThat(response.header("Content-MD5")).isNull();
        assertThat(response.header("Api-Version")).isEqualTo("9.0.0");
        assertThat(response.header("Access-Control-Allow-Methods")).isEqualTo("GET, HEAD, POST, DELETE");
    }

    @Test
    void responsesAreNeverCompressed() {
        Response response = alice.signed().header("Accept-Encoding", "gzip, deflate").get("/my/images");

        assertThat(response.header("Content-Encoding")).isNull();
    }

    private static void assertCloudApiHeaders(Response response, String methods) {
        assertThat(response.header("Api-Version")).isEqualTo("9.0.0");
        assertThat(response.header("Server")).isNotBlank();
        assertThat(UUID.fromString(response.header("Request-Id"))).isNotNull();
        assertThat(Long.parseLong(response.header("Response-Time"))).isGreaterThanOrEqualTo(0);
        Instant date = ZonedDateTime.parse(response.header("Date"), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        assertThat(Duration.between(date, Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(response.header("Access-Control-Allow-Headers")).isEqualTo(ALLOW_HEADERS);
        assertThat(response.header("Access-Control-Allow-Methods")).isEqualTo(methods);
        assertThat(response.header("Access-Control-Expose-Headers")).isEqualTo("Api-Version, Request-Id, Response-Time");
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertBodyDigest(response);
    }

    static void assertBodyDigest(Response response) {
        byte[] body = response.asByteArray();
        assertThat(body).isNotEmpty();
        assertThat(response.header("Content-Length")).isEqualTo(String.valueOf(body.length));
        assertThat(response.header("Content-MD5")).isEqualTo(md5(body));
    }

    static String md5(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
