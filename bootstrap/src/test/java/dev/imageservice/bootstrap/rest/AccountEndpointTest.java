package dev.imageservice.bootstrap.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** GetAccount and the {@code :login} rules every route shares (docs/compatibility.md, "One request, in order"). */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountEndpointTest {

    @Inject
    TestData data;

    private Caller alice;
    private Caller bob;
    private Caller operator;

    @BeforeAll
    void seed() {
        alice = Caller.create(data, "acct");
        bob = Caller.create(data, "acct");
        operator = Caller.create(data, "acctop", true);
    }

    @Test
    void myIsTheCallersAccount() {
        Response response = alice.signed().get("/my");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("id")).isEqualTo(alice.id());
        assertThat(response.jsonPath().getString("login")).isEqualTo(alice.login());
        assertThat(response.jsonPath().getString("email")).isEqualTo("acct@example.com");
        assertThat(Instant.parse(response.jsonPath().getString("created"))).isEqualTo(alice.account().created());
        assertThat(Instant.parse(response.jsonPath().getString("updated"))).isEqualTo(alice.account().updated());
    }

    @Test
    void theCallersOwnLoginWorksLikeMy() {
        assertThat(alice.signed().get("/" + alice.login()).jsonPath().getString("id")).isEqualTo(alice.id());
    }

    @Test
    void anotherAccountsLoginIsNotAuthorized() {
        ProtocolErrorsTest.assertError(alice.signed().get("/" + bob.login()), 403, "NotAuthorized");
        ProtocolErrorsTest.assertError(alice.signed().get("/" + bob.login() + "/images"), 403, "NotAuthorized");
        ProtocolErrorsTest.assertError(alice.signed().get("/" + bob.login() + "/images/" + UUID.randomUUID()),
                403, "NotAuthorized");
    }

    @Test
    void anOperatorMayActForAnyAccount() {
        Response response = operator.signed().get("/" + bob.login());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("id")).isEqualTo(bob.id());
        assertThat(response.jsonPath().getString("login")).isEqualTo(bob.login());
    }

    @Test
    void anUnknownLoginIsNotFound() {
        ProtocolErrorsTest.assertError(alice.signed().get("/nosuchlogin" + UUID.randomUUID().toString().substring(0, 8)),
                404, "ResourceNotFound");
        ProtocolErrorsTest.assertError(operator.signed().get("/nosuchlogin1/images"), 404, "ResourceNotFound");
    }

    @Test
    void headOfTheAccountHasNoBody() {
        Response response = alice.signed().head("/my");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.asByteArray()).isEmpty();
    }
}
