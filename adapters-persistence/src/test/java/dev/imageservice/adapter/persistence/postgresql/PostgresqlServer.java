package dev.imageservice.adapter.persistence.postgresql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests: Debian's binaries ({@code apt-get install postgresql}), a
 * fresh cluster under {@code target/} on a free loopback port with password authentication, started
 * once per JVM and stopped (and removed) when the JVM exits. initdb refuses to run as root, so as
 * root the server runs as the {@code postgres} user.
 */
public final class PostgresqlServer {

    public static final String USER = "images";
    private static final Path BINARIES = Path.of("/usr/lib/postgresql");
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresqlServer shared;

    private final Path bin;
    private final Path directory;
    private final int port;
    private final String password = UUID.randomUUID().toString();

    private PostgresqlServer(Path bin, Path directory, int port) {
        this.bin = bin;
        this.directory = directory;
        this.port = port;
    }

    /** The JVM's server, started on first use. */
    public static synchronized PostgresqlServer shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        }
        return shared;
    }

    /** A new, empty database on the server, owned by {@link #USER}: its JDBC URL. */
    public String createDatabase() {
        String name = "images_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(url("postgres"), USER, password);
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return url(name);
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static PostgresqlServer start() {
        try {
            Path target = Files.createDirectories(Path.of("target").toAbsolutePath());
            Path directory = Files.createTempDirectory(target, "postgresql-");
            PostgresqlServer server = new PostgresqlServer(binaries(), directory, freePort());
            server.initAndStart();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void initAndStart() throws IOException {
        // The postgres user must reach the folder; its cluster folder must be its own and private.
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path passwordFile = directory.resolve("password");
        Files.writeString(passwordFile, password);
        Path data = directory.resolve("data");
        Path log = directory.resolve("server.log");
        if (asRoot()) {
            run(List.of("chown", "-R", "postgres:postgres", directory.toString()));
        }
        run(asServerUser(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                "--pwfile=" + passwordFile, "--auth=scram-sha-256", "-E", "UTF8", "--no-sync", "--no-instructions"));
        run(asServerUser(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(), "-w",
                "-o", "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                "start"));
    }

    /** Stops the server at once (its data is thrown away) and removes its folder. */
    public void stop() {
        try {
            run(asServerUser(bin.resolve("pg_ctl").toString(), "-D", directory.resolve("data").toString(),
                    "-m", "immediate", "-w", "stop"));
        } catch (RuntimeException | IOException e) {
            System.err.println("could not stop PostgreSQL in " + directory + ": " + e.getMessage());
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove " + directory + ": " + e.getMessage());
        }
    }

    private static Path binaries() throws IOException {
        if (!Files.isDirectory(BINARIES)) {
            throw new IllegalStateException("PostgreSQL is not installed: apt-get install -y postgresql");
        }
        try (Stream<Path> versions = Files.list(BINARIES)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparing(bin -> Integer.parseInt(bin.getParent().getFileName().toString())))
                    .orElseThrow(() -> new IllegalStateException("no pg_ctl under " + BINARIES));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asServerUser(String... command) {
        List<String> line = new ArrayList<>();
        if (asRoot()) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(List.of(command));
        return line;
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
