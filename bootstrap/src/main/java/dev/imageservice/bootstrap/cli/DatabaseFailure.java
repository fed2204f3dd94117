package dev.imageservice.bootstrap.cli;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A start that failed on the database, worded for the operator with the setting to check. JDBC drivers
 * classify such failures by SQLSTATE: class 08 is a connection that could not be made, class 28 a
 * login refused, 3D000 a database that does not exist. The URL itself is not repeated: it may carry a
 * password.
 */
final class DatabaseFailure {

    private DatabaseFailure() {
    }

    static Optional<String> explain(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String reason = AdminCommands.oneLine(cause.getMessage());
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("28")) {
                    return Optional.of("the database refused the login (" + reason
                            + "); check IMAGES_DB_USER and IMAGES_DB_PASSWORD");
                }
                if (state.startsWith("08") || state.equals("3D000")) {
                    return Optional.of(unreachable(reason));
                }
            }
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                return Optional.of(unreachable(reason));
            }
        }
        return Optional.empty();
    }

    private static String unreachable(String reason) {
        return "cannot connect to the database IMAGES_DB_URL names (" + reason + "); check IMAGES_DB_URL";
    }
}
