package dev.imageservice.bootstrap.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.domain.account.Account;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * HTTP Signature authentication (docs/compatibility.md) through HTTP: the Authorization forms triton and smartdc send, and every
 * refusal row. Requests are sent with URL encoding off, so the signed target is the one on the wire.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthenticationTest {

    @Inject
    TestData data;

    private Caller alice;
    private Caller mallory;
    private TestKey disabledKey;
    private Account disabled;
    private UUID imageId;

    @BeforeAll
    void seed() {
        alice = Caller.create(data, "auth");
        mallory = Caller.create(data, "authother");
        disabledKey = TestKey.generate();
        disabled = data.account("authoff", false, true, disabledKey);
        imageId = data.image(alice.account(), "auth-image").add().id();
    }

    private String keyId(Caller caller) {
        return "/" + caller.login() + "/keys/" + caller.key().md5Fingerprint();
    }

    private static String signature(String keyId, String algorithm, String headers, String signature) {
        return "Signature keyId=\"" + keyId + "\",algorithm=\"" + algorithm + "\""
                + (headers == null ? "" : ",headers=\"" + headers + "\"") + ",signature=\"" + signature + "\"";
    }

    /** triton: {@code (request-target) date}, rsa-sha256. */
    private Response tritonGet(Caller caller, TestKey signer, String target, String date) {
        String signingString = "(request-target): get " + target + "\ndate: " + date;
        return raw().header("Date", date)
                .header("Authorization", signature(keyId(caller), "rsa-sha256", "(request-target) date",
                        signer.sign(signingString)))
                .get(target);
    }

    private static RequestSpecification raw() {
        return given().urlEncodingEnabled(false);
    }

    // --- what the clients send ---

    @Test
    void tritonSignsTheRawTargetWithTildeLeftRaw() {
        String target = "/my/images?name=~auth-image&state=all";
        Response response = tritonGet(alice, alice.key(), target, SignatureFilter.now());

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.jsonPath().getList("id", String.class)).containsExactly(imageId.toString());
    }

    @Test
    void aPercentEncodedTargetIsVerifiedAsSentNotDecoded() {
        String target = "/my/images?name=%7Eauth-image&state=all";
        Response response = tritonGet(alice, alice.key(), target, SignatureFilter.now());

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.jsonPath().getList("id", String.class)).containsExactly(imageId.toString());
    }

    @Test
    void smartdcSignsTheDateAloneWithPercentEncodedQueries() {
        String date = SignatureFilter.now();
        Response response = raw().header("Date", date)
                .header("Api-Version", "~7||~8").header("Accept-Version", "~7||~8")
                .header("Authorization", signature(keyId(alice), "rsa-sha256", "date",
                        alice.key().sign("date: " + date)))
                .get("/my/images?name=%7Eauth-image&state=all");

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.jsonPath().getList("id", String.class)).containsExactly(imageId.toString());
    }

    @Test
    void aSignedHeaderSentTwiceIsSignedAsItsValuesJoinedInOrder() {
        String date = SignatureFilter.now();
        Response response = raw().header("Date", date)
                .header("X-Extra", "first", "second")
                .header("Authorization", signature(keyId(alice), "rsa-sha256", "date x-extra",
                        alice.key().sign("date: " + date + "\nx-extra: first, second")))
                .get("/my");

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    }

    @Test
    void rsaSha1AsAnSshAgentSigns() {
        String date = SignatureFilter.now();
        Response response = raw().header("Date", date)
                .header("Authorization", signature(keyId(alice), "rsa-sha1", "date",
                        alice.key().sign("date: " + date, "SHA1withRSA")))
                .get("/my");

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    }

    @Test
    void theLegacyFormSignsTheBareDate() {
        String date = SignatureFilter.now();
        Response response = raw().header("Date", date)
                .header("Authorization", "Signature keyId=\"" + keyId(alice) + "\",algorithm=\"rsa-sha256\" "
                        + alice.key().sign(date))
                .get("/my");

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    }

    @Test
    void theKeyMayBeNamedBySha256FingerprintOrName() {
        for (String key : new String[] {alice.key().sha256Fingerprint(), TestData.KEY_NAME}) {
            String date = SignatureFilter.now();
            Response response = raw().header("Date", date)
                    .header("Authorization", signature("/" + alice.login() + "/keys/" + key, "rsa-sha256", "date",
                            alice.key().sign("date: " + date)))
                    .get("/my");
            assertThat(response.statusCode()).as(key).isEqualTo(200);
        }
    }

    @Test
    void aSubUserKeyIdActsAsTheAccount() {
        String date = SignatureFilter.now();
        Response response = raw().header("Date", date)
                .header("Authorization", signature("/" + alice.login() + "/users/bob/keys/"
                        + alice.key().md5Fingerprint(), "rsa-sha256", "date", alice.key().sign("date: " + date)))
                .get("/my");

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.jsonPath().getString("id")).isEqualTo(alice.id());
    }

    // --- refusals ---

    @Test
    void noAuthorizationIsInvalidCredentials() {
        Response response = given().get("/my/images");

        ProtocolErrorsTest.assertError(response, 401, "InvalidCredentials");
        assertThat(response.jsonPath().getString("message")).startsWith("You must make authenticated requests");
    }

    @Test
    void basicAuthenticationIsInvalidCredentials() {
        ProtocolErrorsTest.assertError(given().header("Authorization", "Basic YWxpY2U6c2VjcmV0").get("/my"),
                401, "InvalidCredentials");
    }

    @Test
    void aMalformedSignatureHeaderIsInvalidHeader() {
        ProtocolErrorsTest.assertError(given().header("Date", SignatureFilter.now())
                .header("Authorization", "Signature this is not a signature header").get("/my"), 400, "InvalidHeader");
    }

    @Test
    void aMissingDateIsInvalidHeader() {
        ProtocolErrorsTest.assertError(raw().header("Authorization", signature(keyId(alice), "rsa-sha256",
                "(request-target) date", alice.key().sign("(request-target): get /my\ndate: "))).get("/my"),
                400, "InvalidHeader");
    }

    @Test
    void anUnsignedDateIsInvalidHeader() {
        ProtocolErrorsTest.assertError(raw().header("Date", SignatureFilter.now())
                .header("Authorization", signature(keyId(alice), "rsa-sha256", "(request-target)",
                        alice.key().sign("(request-target): get /my"))).get("/my"), 400, "InvalidHeader");
    }

    @Test
    void aDateMoreThan300SecondsOffIsInvalidHeader() {
        String stale = SignatureFilter.HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC).minusSeconds(301));
        String ahead = SignatureFilter.HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(310));
        String fine = SignatureFilter.HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC).minusSeconds(200));

        ProtocolErrorsTest.assertError(tritonGet(alice, alice.key(), "/my", stale), 400, "InvalidHeader");
        ProtocolErrorsTest.assertError(tritonGet(alice, alice.key(), "/my", ahead), 400, "InvalidHeader");
        assertThat(tritonGet(alice, alice.key(), "/my", fine).statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownAlgorithmIsInvalidHeader() {
        String date = SignatureFilter.now();
        ProtocolErrorsTest.assertError(raw().header("Date", date)
                .header("Authorization", signature(keyId(alice), "hmac-sha256", "date",
                        alice.key().sign("date: " + date))).get("/my"), 400, "InvalidHeader");
    }

    @Test
    void aMalformedKeyIdIsInvalidCredentials() {
        String date = SignatureFilter.now();
        ProtocolErrorsTest.assertError(raw().header("Date", date)
                .header("Authorization", signature("not-a-key-id", "rsa-sha256", "date",
                        alice.key().sign("date: " + date))).get("/my"), 401, "InvalidCredentials");
    }

    @Test
    void anUnknownLoginOrKeyIsInvalidCredentials() {
        String date = SignatureFilter.now();
        String signed = alice.key().sign("date: " + date);
        ProtocolErrorsTest.assertError(raw().header("Date", date)
                .header("Authorization", signature("/nosuchlogin/keys/" + alice.key().md5Fingerprint(),
                        "rsa-sha256", "date", signed)).get("/my"), 401, "InvalidCredentials");
        ProtocolErrorsTest.assertError(raw().header("Date", date)
                .header("Authorization", signature("/" + alice.login() + "/keys/" + mallory.key().md5Fingerprint(),
                        "rsa-sha256", "date", signed)).get("/my"), 401, "InvalidCredentials");
    }

    @Test
    void aBadSignatureIsInvalidCredentials() {
        // signed with mallory's key under alice's keyId
        ProtocolErrorsTest.assertError(tritonGet(alice, mallory.key(), "/my", SignatureFilter.now()),
                401, "InvalidCredentials");
    }

    @Test
    void aSignatureOverAnotherTargetIsInvalidCredentials() {
        String date = SignatureFilter.now();
        String signedFor = "(request-target): get /my/images?state=all\ndate: " + date;
        ProtocolErrorsTest.assertError(raw().header("Date", date)
                .header("Authorization", signature(keyId(alice), "rsa-sha256", "(request-target) date",
                        alice.key().sign(signedFor))).get("/my/images?state=active"), 401, "InvalidCredentials");
    }

    @Test
    void aDisabledAccountIsNotAuthorized() {
        Caller off = new Caller(disabled, disabledKey);

        ProtocolErrorsTest.assertError(off.signed().get("/my"), 403, "NotAuthorized");
    }

    @Test
    void everyCloudApiRouteRequiresASignature() {
        ProtocolErrorsTest.assertError(given().get("/my"), 401, "InvalidCredentials");
        assertThat(given().head("/my/images").statusCode()).isEqualTo(401);
        ProtocolErrorsTest.assertError(given().get("/my/images/" + imageId), 401, "InvalidCredentials");
        ProtocolErrorsTest.assertError(given().post("/my/images/" + imageId + "?action=update"),
                401, "InvalidCredentials");
        ProtocolErrorsTest.assertError(given().post("/my/images"), 401, "InvalidCredentials");
        ProtocolErrorsTest.assertError(given().delete("/my/images/" + imageId), 401, "InvalidCredentials");
        assertThat(data.find(imageId)).isNotNull();
    }
}
