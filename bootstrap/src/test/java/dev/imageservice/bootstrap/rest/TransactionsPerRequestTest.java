package dev.imageservice.bootstrap.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.application.port.out.ExportStore;
import dev.imageservice.domain.export.MantaPath;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A signed read opens no database transaction, whether its account and key are cached yet or not;
 * an export copies its bytes with none open.
 */
@QuarkusTest
class TransactionsPerRequestTest {

    @Inject
    TestData data;

    @Inject
    RequestTransactions transactions;

    @Inject
    ExportWrites exportWrites;

    @Inject
    ExportStore exportStore;

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

    /**
     * The export reads the image in a short transaction of its own, then copies the bytes with none
     * open. The probe is checked first: a write made inside a transaction is seen as one.
     */
    @Test
    void anExportCopiesItsBytesWithNoTransactionOpen() {
        Caller caller = Caller.create(data, "exporttx");
        UUID image = data.image(caller.account(), "exporttx-image").content(new byte[256 * 1024]).add().id();
        int inTransaction = exportWrites.inTransaction();
        QuarkusTransaction.requiringNew().run(() -> exportStore.writeObject(
                MantaPath.parse("/" + caller.login() + "/stor/probe"), new ByteArrayInputStream(new byte[1])));
        assertThat(exportWrites.inTransaction()).as("the probe sees an open transaction").isEqualTo(inTransaction + 1);
        int writes = exportWrites.all();

        Response response = caller.signed().post("/my/images/" + image + "?action=export&manta_path=/" + caller.login()
                + "/stor/tx");

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(exportWrites.all()).as("the image file was written").isEqualTo(writes + 1);
        assertThat(exportWrites.inTransaction()).as("none of it in a transaction").isEqualTo(inTransaction + 1);
    }

    private int transactionsOf(Supplier<Response> request) {
        int before = transactions.begun();
        Response response = request.get();
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return transactions.begun() - before;
    }
}
