package dev.imageservice.bootstrap.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * {@code java -jar quarkus-run.jar}: with no arguments it serves; with arguments it runs one admin
 * command against the same data folder and exits with its status.
 */
@QuarkusMain
public class ImageServiceMain {

    public static void main(String... args) {
        if (args.length == 0) {
            Quarkus.run(Application.class, args);
            return;
        }
        // Bad usage is told at once, without starting the service (and opening its database).
        AdminCommand command = null;
        try {
            command = AdminCommandLine.parse(List.of(args));
        } catch (AdminCommandLine.UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(AdminCommandLine.USAGE);
            System.exit(AdminCommands.USAGE);
        }
        CommandMode.configure(command);
        Quarkus.run(Application.class, ImageServiceMain::exitCommand, args);
    }

    /** A command whose service cannot start (say, an unreadable data folder) says why in one line. */
    private static void exitCommand(int status, Throwable startFailure) {
        if (startFailure != null) {
            System.err.println("error: " + DatabaseFailure.explain(startFailure)
                    .orElse("cannot open the service's data: " + AdminCommands.oneLine(rootMessage(startFailure))));
        }
        System.exit(status);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = StartFailureFilter.rootCause(failure);
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    public static class Application implements QuarkusApplication {

        private static final Logger LOG = Logger.getLogger(ImageServiceMain.class);

        @Inject
        AdminCommands commands;
        @Inject
        FirstStartHint firstStartHint;
        @Inject
        GrpcListener grpcListener;

        @Override
        public int run(String... args) {
            if (args.length > 0) {
                return commands.run(List.of(args), System.out, System.err);
            }
            // Serving REST without gRPC would look healthy while gRPC clients fail: stop instead.
            if (!grpcListener.isServing()) {
                LOG.error(grpcListener.whyNotServing());
                return 1;
            }
            firstStartHint.printIfNoAccounts();
            Quarkus.waitForExit();
            return 0;
        }
    }
}
