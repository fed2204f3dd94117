package dev.imageservice.adapter.persistence;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.TransactionManager;
import org.hibernate.JDBCException;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;

/**
 * A call that gets no database connection is the service being unavailable, not a fault of its own:
 * the pool had none free within {@code images.db.acquisition-timeout} (a burst larger than the pool),
 * the database cannot be reached, or the call's transaction ran past its timeout, so that the
 * transaction manager rolled it back and no connection may join it (the service was too slow). The
 * caller gets ServiceUnavailableError (REST 503, gRPC UNAVAILABLE) and may try again; the log gets one
 * line, without a stack trace, naming which of the three it was, since each sends an operator to
 * another place. Placed outside any {@code @Transactional} of the bean, so a connection lost at
 * commit is seen too.
 */
@UsesDatabase
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class DatabaseUnavailable {

    private static final Logger LOG = Logger.getLogger(DatabaseUnavailable.class);
    /** What Hibernate says whenever the pool refuses it a connection (Agroal's timeout has no SQL state). */
    private static final String NO_CONNECTION = "Unable to acquire JDBC Connection";
    private static final String TIMED_OUT =
            "its transaction had been rolled back (it ran past the transaction timeout), so no connection could join it";

    @Inject
    TransactionManager transactions;

    @AroundInvoke
    Object translate(InvocationContext call) throws Exception {
        try {
            return call.proceed();
        } catch (RuntimeException e) {
            // Hibernate may report the rollback its own way ("Transaction was rolled back in a different
            // thread") in place of the connection it was refused: the status tells.
            boolean timedOut = RolledBackTransactionGetsNoConnection.rolledBack(transactions.getStatus());
            JDBCException cause = noConnection(e);
            if (!timedOut && cause == null) {
                throw e;
            }
            LOG.warnf("%s.%s got no database connection: %s", call.getMethod().getDeclaringClass().getSimpleName(),
                    call.getMethod().getName(), timedOut ? TIMED_OUT : why(cause));
            throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "the database is busy or cannot be reached; try again");
        }
    }

    /**
     * Hibernate words the pool's timeout and an unreachable database alike ("Unable to acquire JDBC
     * Connection"); told apart by the SQL state, which only the driver sets.
     */
    private static String why(JDBCException failure) {
        if (failure instanceof JDBCConnectionException || failure.getSQLState() != null) {
            return "the database cannot be reached: " + failure.getMessage();
        }
        return "none came free within the pool's acquisition timeout: " + failure.getMessage();
    }

    /** The failure to get or keep a connection somewhere in the chain (a commit wraps it), or null. */
    private static JDBCException noConnection(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JDBCConnectionException connection) {
                return connection;
            }
            if (cause instanceof JDBCException jdbc && (endedByTheServer(jdbc.getSQLState())
                    || jdbc.getMessage() != null && jdbc.getMessage().startsWith(NO_CONNECTION))) {
                return jdbc;
            }
        }
        return null;
    }

    /**
     * PostgreSQL's class 57P: the server ended the connection (shutting down, restarting, the database
     * dropped) or lets none in yet. Hibernate maps only class 08 to a connection failure. (57014, a
     * cancelled statement, is of class 57 too, but the connection lives on.)
     */
    private static boolean endedByTheServer(String sqlState) {
        return sqlState != null && sqlState.startsWith("57P");
    }
}
