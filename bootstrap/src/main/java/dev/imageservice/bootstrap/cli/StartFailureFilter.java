package dev.imageservice.bootstrap.cli;

import io.quarkus.logging.LoggingFilter;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Turns start failures an operator fixes from configuration into one line naming the setting, instead
 * of ERROR lines with a stack trace:
 * <ul>
 * <li>a gRPC server that cannot bind its port: Quarkus logs it and goes on serving REST alone; the
 * record is dropped and its reason kept for {@link GrpcListener#whyNotServing()}, which the server
 * logs before it stops;</li>
 * <li>a database that cannot be reached or refuses the login: Quarkus's "Failed to start
 * application" record is rewritten to {@link DatabaseFailure}'s line, without the stack trace.</li>
 * </ul>
 * Other start failures keep their stack trace. Configured as {@code quarkus.log.console.filter}.
 */
@LoggingFilter(name = "start-failure")
public final class StartFailureFilter implements Filter {

    private static final String GRPC_RECORDER = "io.quarkus.grpc.runtime.GrpcServerRecorder";
    private static final String APPLICATION = "io.quarkus.runtime.Application";
    static final AtomicReference<String> GRPC_FAILURE = new AtomicReference<>();

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
            DatabaseFailure.explain(record.getThrown()).ifPresent(line -> {
                record.setMessage(line);
                record.setParameters(null);
                record.setThrown(null);
            });
        }
        return true;
    }

    static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
