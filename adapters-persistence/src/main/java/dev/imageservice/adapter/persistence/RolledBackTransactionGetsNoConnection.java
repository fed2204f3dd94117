package dev.imageservice.adapter.persistence;

import io.agroal.api.AgroalPoolInterceptor;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import java.sql.Connection;
import java.sql.SQLException;
import org.hibernate.exception.JDBCConnectionException;

/**
 * Refuses a pooled connection to a caller whose transaction was rolled back while it waited for one
 * (it ran past the transaction timeout and the transaction manager's reaper ended it). Agroal 3.0
 * then hands the connection over without enlisting it, in auto-commit: every statement, writes too,
 * would be committed at once although the call then fails. The refusal reads as a connection
 * Hibernate could not get, which {@link DatabaseUnavailable} answers as ServiceUnavailableError and
 * logs as the transaction's timeout. Both datasources (H2 by default, the PostgreSQL one) use it.
 */
@ApplicationScoped
@Default
@DataSource(DatabaseSelection.POSTGRESQL)
public class RolledBackTransactionGetsNoConnection implements AgroalPoolInterceptor {

    @Inject
    TransactionManager transactions;

    @Override
    public void onConnectionAcquire(Connection connection) {
        int status;
        try {
            status = transactions.getStatus();
        } catch (SystemException e) {
            throw new IllegalStateException("cannot read the transaction's status", e);
        }
        if (rolledBack(status)) {
            // Thrown from inside the pool, which takes the connection back (Agroal AG-140).
            throw new JDBCConnectionException("Unable to acquire JDBC Connection: the transaction has been rolled back",
                    new SQLException("the transaction has been rolled back, so no connection can join it"));
        }
    }

    /** Rolled back or being rolled back: no connection can join the transaction any more. */
    static boolean rolledBack(int status) {
        return status == Status.STATUS_ROLLEDBACK || status == Status.STATUS_ROLLING_BACK;
    }
}
