package dev.imageservice.bootstrap.cli;

/**
 * What makes a process that runs an admin command differ from the server: it must be able to run
 * beside a server on the same data folder and port, so it opens no listener and leaves the shared
 * state (job queue, files in flight) to the server. Set as system properties before Quarkus starts:
 * they outrank application.properties and the environment.
 */
final class CommandMode {

    private CommandMode() {
    }

    static void configure(AdminCommand command) {
        if (command instanceof AdminCommand.Migrate) {
            // migrate writes only into the cluster and reads the installation it moves on its own. The
            // service's embedded database, active when the cluster's settings are missing, must not make or
            // upgrade a database file in the data folder (perhaps the very one to move): it lives in memory.
            System.setProperty("quarkus.datasource.jdbc.url", "jdbc:h2:mem:migrate");
        }
        // No HTTP listener (a runtime property): the server may hold the port.
        System.setProperty("quarkus.http.host-enabled", "false");
        // gRPC rides on that disabled HTTP server instead of its own listener: no port is opened, and
        // the separate server's legacy-mode warning is not printed.
        System.setProperty("quarkus.grpc.server.use-separate-server", "false");
        // The server works the image job queue and sweeps the file store; a command does neither.
        System.setProperty("images.jobs.enabled", "false");
        System.setProperty("images.files.sweep-on-start", "false");
        // The command's own output is what the operator reads: framework warnings (virtual threads on
        // JDK 17, ...) are noise there. Quarkus's own "Failed to start application" stack trace is
        // silenced too: ImageServiceMain tells a start failure in one line.
        System.getProperties().putIfAbsent("quarkus.log.level", "ERROR");
        System.setProperty("quarkus.log.category.\"io.quarkus.runtime.Application\".level", "OFF");
        System.getProperties().putIfAbsent("quarkus.banner.enabled", "false");
    }
}
