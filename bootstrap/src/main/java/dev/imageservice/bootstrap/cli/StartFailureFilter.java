package dev.imageservice.bootstrap.cli;

import io.quarkus.logging.LoggingFilter;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Keeps start failures an operator fixes from configuration out of the log (ERROR lines with a stack
 * trace) and remembers them, so that the process tells each in one line naming the setting:
 * <ul>
 * <li>a gRPC server that cannot bind its port (Quarkus logs it and goes on serving REST alone;
 * {@link GrpcListener#whyNotServing()} words it);</li>
 * <li>a database that cannot be reached or refuses the login ({@link #databaseFailure}, told by
 * {@link ImageServiceMain}).</li>
 * </ul>
 * Other start failures keep their stack trace. Configured as {@code quarkus.log.console.filter}.
 */
@LoggingFilter(name = "start-failure")
public final class StartFailureFilter implements Filter {

    private static final String GRPC_RECORDER = "io.quarkus.grpc.runtime.GrpcServerRecorder";
    private static final String APPLICATION = "io.quarkus.runtime.Application";
    static final AtomicReference<String> GRPC_FAILURE = new AtomicReference<>();
    private static final AtomicReference<String> DATABASE_FAILURE = new AtomicReference<>();

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record.getLevel().intValue() < Level.SEVERE.intValue() || record.getMessage() == null) {
            return true;
        }
        if (GRPC_RECORDER.equals(record.getLoggerName())
                && record.getMessage().startsWith("Unable to start the gRPC server")) {
            if (record.getThrown() != null) {
                GRPC_FAILURE.set(AdminCommands.oneLine(String.valueOf(rootCause(record.getThrown()).getMessage())));
            }
            return false;
        }
        if (APPLICATION.equals(record.getLoggerName()) && record.getThrown() != null) {
            Optional<String> database = DatabaseFailure.explain(record.getThrown());
            database.ifPresent(DATABASE_FAILURE::set);
            return database.isEmpty();
        }
        return true;
    }

    /** Why the start failed, if it was the database: one line naming the setting to check. */
    static Optional<String> databaseFailure() {
        return Optional.ofNullable(DATABASE_FAILURE.get());
    }

    static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
