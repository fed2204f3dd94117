package dev.imageservice.bootstrap.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A signed read opens no database transaction, whether its account and key are cached yet or not. */
@QuarkusTest
class TransactionsPerRequestTest {

    @Inject
    TestData data;

    @Inject
    RequestTransactions transactions;

    @Test
    void aSignedGetImageOpensNoTransactionCachedOrNot() {
        Caller caller = Caller.create(data, "notx");
        UUID image = data.image(caller.account(), "notx-image").add().id();

        assertThat(transactionsOf(() -> caller.signed().get("/my/images/" + image))).isZero(); // account not yet cached
        assertThat(transactionsOf(() -> caller.signed().get("/my/images/" + image))).isZero();
    }

    @Test
    void aSignedWriteOpensOne() {
        Caller caller = Caller.create(data, "onetx");
        UUID image = data.image(caller.account(), "onetx-image").add().id();

        assertThat(transactionsOf(() -> caller.signed().contentType("application/json")
                .body(Map.of("description", "updated")).post("/my/images/" + image + "?action=update"))).isEqualTo(1);
    }

    private int transactionsOf(Supplier<Response> request) {
        int before = transactions.begun();
        Response response = request.get();
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return transactions.begun() - before;
    }
}
