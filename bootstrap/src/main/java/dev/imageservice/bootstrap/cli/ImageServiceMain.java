package dev.imageservice.bootstrap.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code java -jar quarkus-run.jar}: with no arguments it serves; with arguments it runs one admin
 * command against the same data folder and exits with its status.
 */
@QuarkusMain
public class ImageServiceMain {

    public static void main(String... args) {
        if (args.length > 0) {
            // Bad usage is told at once, without starting the service (and opening its database).
            try {
                AdminCommandLine.parse(List.of(args));
            } catch (AdminCommandLine.UsageException e) {
                System.err.println("error: " + e.getMessage());
                System.err.print(AdminCommandLine.USAGE);
                System.exit(AdminCommands.USAGE);
            }
            CommandMode.configure();
        }
        Quarkus.run(Application.class, args);
    }

    public static class Application implements QuarkusApplication {

        @Inject
        AdminCommands commands;
        @Inject
        FirstStartHint firstStartHint;

        @Override
        public int run(String... args) {
            if (args.length > 0) {
                return commands.run(List.of(args), System.out, System.err);
            }
            firstStartHint.printIfNoAccounts();
            Quarkus.waitForExit();
            return 0;
        }
    }
}
