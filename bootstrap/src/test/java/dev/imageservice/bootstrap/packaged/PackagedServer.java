package dev.imageservice.bootstrap.packaged;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.util.OpenSSHPublicKeyUtil;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) as a real process on a free port
 * with its own data folder, its admin commands, and the real CloudAPI clients (triton and smartdc,
 * installed by the build into {@code target/clients}) pointed at it. One instance is one data
 * center: several may run side by side. Paths come from failsafe's system properties.
 */
public final class PackagedServer implements AutoCloseable {

    public static final Path JAR = Path.of(System.getProperty("images.it.jar", "target/quarkus-app/quarkus-run.jar"));
    public static final Path CLIENTS = Path.of(System.getProperty("images.it.clients", "target/clients/node_modules"));
    public static final Path WORK = Path.of(System.getProperty("images.it.work", "target/it"));

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ADDED = Pattern.compile("added account \\S+ \\(([0-9a-f-]{36})");

    private final Path folder;
    private final Path dataDir;
    private final Path log;
    private final int port;
    /** Each instance its own gRPC port too, so that instances side by side all serve gRPC. */
    private final int grpcPort;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Process process;

    private PackagedServer(Path folder, int port, int grpcPort) {
        this.folder = folder;
        this.dataDir = folder.resolve("data");
        this.log = folder.resolve("server.log");
        this.port = port;
        this.grpcPort = grpcPort;
    }

    /** A server with a fresh folder under target/it and a free port; not started yet. */
    public static PackagedServer create(String name) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: these tests run after package (mvn verify)");
        }
        try {
            Files.createDirectories(WORK);
            return new PackagedServer(Files.createTempDirectory(WORK, name + "-"), freePort(), freePort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A configuration property ({@code -Dname=value}) for the server and its admin commands. */
    public PackagedServer set(String name, String value) {
        settings.put(name, value);
        return this;
    }

    /** An environment variable for the server and its commands, as an operator sets one (IMAGES_S3_ENDPOINT). */
    public PackagedServer env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Starts the server and waits until it answers HTTP. */
    public PackagedServer start() {
        launch();
        awaitAnswer();
        return this;
    }

    /** Starts a server that must refuse to run: its exit status and everything it printed. */
    public Result startExpectingExit() {
        launch();
        try {
            if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                stop();
                throw new AssertionError("the server kept running:\n" + log());
            }
            int status = process.exitValue();
            process = null;
            return new Result(status, log(), "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void launch() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(systemProperties());
        command.addAll(List.of("-jar", JAR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(serviceEnvironment());
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server as an operator would (SIGTERM), waiting for it to finish. */
    public void stop() {
        halt(false);
    }

    /** Kills the server at once (SIGKILL), as a crash or power loss would. */
    public void kill() {
        halt(true);
    }

    private void halt(boolean forcibly) {
        if (process == null) {
            return;
        }
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    public void restart() {
        stop();
        start();
    }

    @Override
    public void close() {
        stop();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public int grpcPort() {
        return grpcPort;
    }

    /** The running server's process id. */
    public long pid() {
        if (process == null) {
            throw new IllegalStateException("not running");
        }
        return process.pid();
    }

    /** Whether the running server has {@code file} open now (Linux: its descriptors under /proc). */
    public boolean hasOpen(Path file) {
        Path target = file.toAbsolutePath();
        try (var descriptors = Files.list(Path.of("/proc", Long.toString(pid()), "fd"))) {
            return descriptors.anyMatch(descriptor -> {
                try {
                    return Files.readSymbolicLink(descriptor).equals(target);
                } catch (IOException e) {
                    return false; // closed since the listing
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path folder() {
        return folder;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Everything the server printed so far, across restarts. */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- admin commands

    /** {@code java -jar quarkus-run.jar ARGS} on this server's data folder (and port), running or not. */
    public Result admin(String... args) {
        List<String> command = new ArrayList<>(List.of(java(),
                // A short-lived JVM: the C1 compiler and serial GC halve its start-up on a busy machine.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(systemProperties());
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
        builder.environment().putAll(serviceEnvironment());
        return run(builder);
    }

    /** Like {@link #admin} but the command must succeed. */
    public Result adminOk(String... args) {
        Result result = admin(args);
        if (result.exitCode() != 0) {
            throw new AssertionError("admin " + String.join(" ", args) + " failed: " + result);
        }
        return result;
    }

    /**
     * A new account whose key pair (RSA 2048, made here) lies in its own HOME's {@code .ssh}, where
     * the clients look for it.
     */
    public ClientAccount addAccount(String login, boolean operator) {
        Path home = folder.resolve("home-" + login);
        String publicKeyLine = ClientKeys.writeRsaKeyPair(home.resolve(".ssh"), login + "@tests");
        List<String> args = new ArrayList<>(List.of("account", "add", login, "--key",
                home.resolve(".ssh/id_rsa.pub").toString()));
        if (operator) {
            args.add("--operator");
        }
        Result added = adminOk(args.toArray(String[]::new));
        Matcher id = ADDED.matcher(added.stdout());
        if (!id.find()) {
            throw new AssertionError("no account id in: " + added);
        }
        return new ClientAccount(login, UUID.fromString(id.group(1)), ClientKeys.md5Fingerprint(publicKeyLine), home);
    }

    /** The same account (id, login, key) added here too, as datacenters of one cloud share accounts. */
    public ClientAccount addExistingAccount(ClientAccount account, boolean operator) {
        List<String> args = new ArrayList<>(List.of("account", "add", account.login(), "--key",
                account.publicKeyFile().toString(), "--id", account.id().toString()));
        if (operator) {
            args.add("--operator");
        }
        adminOk(args.toArray(String[]::new));
        return account;
    }

    /**
     * A request signed as {@code account} the way triton signs ({@code (request-target) date},
     * rsa-sha256), for calls the clients have no command for.
     */
    public HttpResponse<byte[]> request(ClientAccount account, String method, String pathAndQuery, String jsonBody) {
        return request(account, method, pathAndQuery, jsonBody, Map.of());
    }

    /** {@link #request(ClientAccount, String, String, String)} with more headers (If-Match). */
    public HttpResponse<byte[]> request(ClientAccount account, String method, String pathAndQuery, String jsonBody,
                                        Map<String, String> headers) {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        String signingString = "(request-target): " + method.toLowerCase(Locale.ROOT) + " " + pathAndQuery
                + "\ndate: " + date;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + pathAndQuery))
                .header("Date", date)
                .header("Accept-Version", "~9")
                .header("Authorization", "Signature keyId=\"/" + account.login() + "/keys/" + account.keyId()
                        + "\",algorithm=\"rsa-sha256\",headers=\"(request-target) date\",signature=\""
                        + ClientKeys.sign(account.privateKeyFile(), signingString) + "\"")
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls GetImage until the image is no longer creating: its state then. */
    public String awaitCreated(ClientAccount account, String id) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<byte[]> response = request(account, "GET", "/" + account.login() + "/images/" + id, null);
            if (response.statusCode() != 200) {
                throw new AssertionError("GetImage " + id + ": " + new String(response.body(), StandardCharsets.UTF_8));
            }
            String state = String.valueOf(jsonObject(response).get("state"));
            if (!state.equals("creating")) {
                return state;
            }
            sleep(250);
        }
        throw new AssertionError("image " + id + " still creating after " + START_TIMEOUT);
    }

    /** A response's body as one JSON object. */
    public static Map<String, Object> jsonObject(HttpResponse<byte[]> response) {
        try {
            return JSON.readValue(response.body(), new TypeReference<>() { });
        } catch (IOException e) {
            throw new AssertionError("not a JSON object: " + new String(response.body(), StandardCharsets.UTF_8), e);
        }
    }

    /**
     * Imports an image: the manifest (given fields, plus {@code v}, {@code uuid} unless given, and
     * {@code files[0]} for {@code content} unless null) is written to a file and {@code image import}
     * run with the content as the image file.
     */
    public SeededImage importImage(Map<String, Object> fields, byte[] content) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("v", 2);
        manifest.put("uuid", UUID.randomUUID().toString());
        manifest.putAll(fields);
        if (content != null && !manifest.containsKey("files")) {
            manifest.put("files", List.of(Map.of("sha1", sha1(content), "size", content.length, "compression", "gzip")));
        }
        String id = String.valueOf(manifest.get("uuid"));
        try {
            Path manifestFile = folder.resolve("manifest-" + id + ".json");
            Files.writeString(manifestFile, JSON.writeValueAsString(manifest));
            if (content == null) {
                adminOk("image", "import", manifestFile.toString());
            } else {
                Path file = folder.resolve("file-" + id + ".gz");
                Files.write(file, content);
                adminOk("image", "import", manifestFile.toString(), "--file", file.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SeededImage(UUID.fromString(id), manifest);
    }

    // ---- real clients

    /** {@code triton ARGS} as {@code account}: its key from its HOME, no agent, this server's URL. */
    public Result triton(ClientAccount account, String... args) {
        return node(account, CLIENTS.resolve("triton/bin/triton"), args);
    }

    /** {@code sdc-COMMAND ARGS} (smartdc) as {@code account}; npm does not link these into .bin. */
    public Result sdc(ClientAccount account, String command, String... args) {
        return node(account, CLIENTS.resolve("smartdc/bin/sdc-" + command), args);
    }

    private Result node(ClientAccount account, Path script, String... args) {
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException(script + " is missing: the build installs the clients before the tests");
        }
        List<String> command = new ArrayList<>(List.of("node", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("TRITON_") || name.startsWith("SDC_")
                || name.startsWith("MANTA_") || name.equals("SSH_AUTH_SOCK"));
        env.put("HOME", account.home().toString());
        env.put("TRITON_URL", url());
        env.put("TRITON_ACCOUNT", account.login());
        env.put("TRITON_KEY_ID", account.keyId());
        env.put("SDC_URL", url());
        env.put("SDC_ACCOUNT", account.login());
        env.put("SDC_KEY_ID", account.keyId());
        return run(builder);
    }

    // ---- helpers

    private List<String> systemProperties() {
        return settings.entrySet().stream().map(e -> "-D" + e.getKey() + "=" + e.getValue()).toList();
    }

    private Map<String, String> serviceEnvironment() {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.putAll(Map.of("IMAGES_DATA_DIR", dataDir.toString(), "QUARKUS_HTTP_PORT", Integer.toString(port),
                "IMAGES_GRPC_PORT", Integer.toString(grpcPort)));
        return env;
    }

    private void awaitAnswer() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/")).timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                http.send(probe, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        stop();
        throw new IllegalStateException("the server did not answer within " + START_TIMEOUT + ":\n" + log());
    }

    private static Result run(ProcessBuilder builder) {
        try {
            Process started = builder.start();
            started.getOutputStream().close();
            CompletableFuture<String> out = readAsync(started.getInputStream());
            CompletableFuture<String> err = readAsync(started.getErrorStream());
            if (!started.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                started.destroyForcibly();
                throw new AssertionError(builder.command() + " did not finish within " + COMMAND_TIMEOUT);
            }
            return new Result(started.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<String> readAsync(java.io.InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static String sha1(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a process printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {

        /** stdout as one JSON object (what {@code image get} prints). */
        public Map<String, Object> jsonObject() {
            return json(new TypeReference<>() { });
        }

        /** stdout as a JSON array of objects (what {@code sdc-listimages} prints). */
        public List<Map<String, Object>> jsonArray() {
            return json(new TypeReference<>() { });
        }

        private <T> T json(TypeReference<T> type) {
            try {
                return JSON.readValue(stdout, type);
            } catch (IOException e) {
                throw new AssertionError("not the JSON expected: " + this, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** An account the clients can act as: {@code keyId} is the MD5 fingerprint they put in keyId. */
    public record ClientAccount(String login, UUID id, String keyId, Path home) {

        public Path privateKeyFile() {
            return home.resolve(".ssh/id_rsa");
        }

        public Path publicKeyFile() {
            return home.resolve(".ssh/id_rsa.pub");
        }
    }

    public record SeededImage(UUID id, Map<String, Object> manifest) {
    }

    /** SSH key pairs for the clients, made in Java so that no ssh-keygen is needed. */
    static final class ClientKeys {

        private ClientKeys() {
        }

        /** Writes id_rsa (PKCS#1 PEM, mode 600) and id_rsa.pub into {@code sshDir}; returns the public line. */
        static String writeRsaKeyPair(Path sshDir, String comment) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                StringWriter pem = new StringWriter();
                try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
                    writer.writeObject(pair.getPrivate());
                }
                byte[] blob = OpenSSHPublicKeyUtil.encodePublicKey(PublicKeyFactory.createKey(pair.getPublic().getEncoded()));
                String line = "ssh-rsa " + Base64.getEncoder().encodeToString(blob) + " " + comment;
                Files.createDirectories(sshDir);
                Path privateKey = sshDir.resolve("id_rsa");
                Files.writeString(privateKey, pem.toString());
                Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-------"));
                Files.writeString(sshDir.resolve("id_rsa.pub"), line + "\n");
                return line;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Base64 rsa-sha256 signature of {@code text} with the PEM private key in {@code privateKeyFile}. */
        static String sign(Path privateKeyFile, String text) {
            try (PEMParser parser = new PEMParser(Files.newBufferedReader(privateKeyFile))) {
                Object parsed = parser.readObject();
                PrivateKey key = parsed instanceof PEMKeyPair pair
                        ? new JcaPEMKeyConverter().getKeyPair(pair).getPrivate()
                        : new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parsed);
                Signature signature = Signature.getInstance("SHA256withRSA");
                signature.initSign(key);
                signature.update(text.getBytes(StandardCharsets.UTF_8));
                return Base64.getEncoder().encodeToString(signature.sign());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** {@code aa:bb:...}, as {@code ssh-keygen -l -E md5} prints it without {@code MD5:}. */
        static String md5Fingerprint(String publicKeyLine) {
            try {
                byte[] blob = Base64.getDecoder().decode(publicKeyLine.split(" ")[1]);
                return HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("MD5").digest(blob));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
