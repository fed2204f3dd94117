package dev.imageservice.bootstrap.openapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}, path from failsafe's
 * {@code images.it.jar}) as a process on a free port, with a data folder of its own under
 * {@code images.it.work}, and its admin commands run against that folder.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Path JAR = Path.of(System.getProperty("images.it.jar", "target/quarkus-app/quarkus-run.jar"));
    private static final Path WORK = Path.of(System.getProperty("images.it.work", "target/it"));
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

    private final Path folder;
    private final int port;
    private Process process;

    private ServiceProcess(Path folder, int port) {
        this.folder = folder;
        this.port = port;
    }

    static ServiceProcess create(String name) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: this test runs after package (mvn verify)");
        }
        Files.createDirectories(WORK);
        try (ServerSocket socket = new ServerSocket(0)) {
            return new ServiceProcess(Files.createTempDirectory(WORK, name + "-").toAbsolutePath(), socket.getLocalPort());
        }
    }

    Path folder() {
        return folder;
    }

    Path dataDir() {
        return folder.resolve("data");
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code java -jar quarkus-run.jar ARGS} on this service's data folder; it must succeed. Returns stdout. */
    String admin(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(folder, "admin-", ".out");
        Process admin = builder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!admin.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            admin.destroyForcibly();
            throw new IllegalStateException(command + " did not finish in " + COMMAND_TIMEOUT);
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        if (admin.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", args) + " failed with " + admin.exitValue() + ":\n" + output);
        }
        return output;
    }

    /** Starts the service and waits until it answers. */
    void start() throws IOException, InterruptedException {
        process = builder(List.of(java(), "-jar", JAR.toString())).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("server.log").toFile())).start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/q/openapi")).timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                http.send(probe, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                Thread.sleep(250);
            }
        }
        close();
        throw new IllegalStateException("the service did not answer within " + START_TIMEOUT + ":\n" + log());
    }

    String log() {
        try {
            Path log = folder.resolve("server.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private ProcessBuilder builder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
        builder.environment().putAll(Map.of("IMAGES_DATA_DIR", dataDir().toString(),
                "QUARKUS_HTTP_PORT", Integer.toString(port)));
        return builder;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
