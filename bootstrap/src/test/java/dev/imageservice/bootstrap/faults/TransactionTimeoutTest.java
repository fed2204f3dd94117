package dev.imageservice.bootstrap.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.imageservice.adapter.persistence.DatabaseUnavailable;
import dev.imageservice.application.port.out.Accounts;
import dev.imageservice.bootstrap.observe.LogCapture;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A transaction that runs past its timeout is rolled back by the transaction manager, and the next
 * call that needs a connection gets none (Hibernate: "Unable to acquire JDBC Connection"): the call
 * answers ServiceUnavailableError as one the pool kept waiting does, but the log says it was the
 * transaction's timeout, so an operator does not go looking at the pool or the database.
 */
@QuarkusTest
class TransactionTimeoutTest {

    @Inject
    Accounts accounts;

    @Test
    void aCallAfterItsTransactionTimedOutIsUnavailableAndLoggedAsATimeout() {
        try (LogCapture log = LogCapture.of(DatabaseUnavailable.class)) {
            Throwable failure = catchThrowable(() -> QuarkusTransaction.requiringNew().timeout(1).run(() -> {
                pause(2000);
                accounts.findByLogin("late-" + UUID.randomUUID().toString().substring(0, 8));
            }));

            assertThat(failure).isInstanceOfSatisfying(DomainException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
            assertThat(log.lines()).singleElement().asString()
                    .startsWith("DatabaseAccounts.findByLogin got no database connection: its transaction had been rolled back")
                    .contains("transaction timeout");
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
