package dev.imageservice.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Without images.db.url the service runs on the embedded H2 database; its subclass sets one. */
@QuarkusTest
class DatabaseSelectionTest {

    String expectedDatabase() {
        return "H2";
    }

    @Test
    void theConfiguredDatabaseIsTheOneInUse() {
        String product = Tx.call(() -> Tx.session().doReturningWork(
                connection -> connection.getMetaData().getDatabaseProductName()));
        assertThat(product).isEqualTo(expectedDatabase());
    }
}
