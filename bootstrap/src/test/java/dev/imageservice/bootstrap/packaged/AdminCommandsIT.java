package dev.imageservice.bootstrap.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imageservice.bootstrap.packaged.PackagedServer.ClientAccount;
import dev.imageservice.bootstrap.packaged.PackagedServer.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The admin commands of the packaged jar, run while the server serves the same data folder and
 * holds the same port: a command must neither listen nor disturb it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminCommandsIT {

    private PackagedServer server;
    private ClientAccount alice;

    @BeforeAll
    void start() {
        server = PackagedServer.create("admin").start();
        alice = server.addAccount("alice", false);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void theFirstStartSaysHowToAddAnAccount() {
        assertThat(server.log()).contains("No accounts yet", "account add LOGIN --key",
                "export TRITON_URL=" + server.url() + " TRITON_ACCOUNT=LOGIN TRITON_KEY_ID=");
    }

    @Test
    void aCommandRunsBesideTheServerWithoutTakingItsPortsOrPrintingAnythingElse() {
        // The command is given the server's HTTP and gRPC ports: it must open neither.
        Result list = server.adminOk("account", "list");

        assertThat(list.stdout()).startsWith("LOGIN ").contains("alice", alice.id().toString(), alice.keyId());
        assertThat(list.stdout().lines()).allMatch(line -> !line.contains("WARN") && !line.contains("ERROR"));
        assertThat(list.stderr()).isEmpty();
        assertThat(server.triton(alice, "image", "list").exitCode()).isZero();
    }

    @Test
    void theServerRefusesToStartWhenItsGrpcPortIsTaken() {
        // On a loaded host class loading can block the event loop for over 2 s, and Vert.x then logs
        // a stack trace of its own: that is load, not the start failure this test looks at.
        PackagedServer second = PackagedServer.create("grpc-taken")
                .set("quarkus.grpc.server.port", Integer.toString(server.grpcPort()))
                .set("quarkus.vertx.warning-exception-time", "10M");

        Result refused = second.startExpectingExit();

        assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
        List<String> errors = refused.stdout().lines().filter(line -> line.contains("ERROR")).toList();
        assertThat(errors).as(refused.toString()).singleElement().asString()
                .contains("the gRPC server cannot listen on 0.0.0.0:" + server.grpcPort(), "IMAGES_GRPC_PORT");
        assertThat(refused.stdout()).as(refused.toString()).doesNotContain("\tat ", "Exception");
    }

    /** An object store that cannot be reached stops the start before anything listens, in one line. */
    @Test
    void theServerRefusesToStartWhenItsObjectStoreCannotBeReached() throws IOException {
        String closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = "http://127.0.0.1:" + socket.getLocalPort();
        }
        PackagedServer second = PackagedServer.create("s3-unreachable")
                .env("IMAGES_S3_ENDPOINT", closed)
                .env("IMAGES_S3_BUCKET", "images")
                .env("IMAGES_S3_ACCESS_KEY", "key")
                .env("IMAGES_S3_SECRET_KEY", "secret")
                .set("quarkus.vertx.warning-exception-time", "10M");

        Result refused = second.startExpectingExit();

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.stdout().lines().filter(line -> line.contains("IMAGES_S3")).toList()).as(refused.toString())
                .containsExactly("IMAGES_S3_ENDPOINT: cannot reach " + closed + " (Connection refused)");
        assertThat(refused.stdout()).as(refused.toString()).doesNotContain("\tat ", "Exception", "ERROR", "Listening on");
    }

    @Test
    void aSecondKeyMadeOnTheSameHostIsNamedByItsFingerprint() {
        ClientAccount hank = server.addAccount("hank", false);
        Path otherHome = hank.home().resolveSibling("home-hank-2");
        String line = PackagedServer.ClientKeys.writeRsaKeyPair(otherHome.resolve(".ssh"), "hank@tests");
        String fingerprint = PackagedServer.ClientKeys.md5Fingerprint(line);

        Result added = server.adminOk("account", "key-add", "hank", "--key", otherHome.resolve(".ssh/id_rsa.pub").toString());

        assertThat(added.stdout()).startsWith("added key " + fingerprint + " (" + fingerprint + ") to account hank")
                .contains("named by its fingerprint");
        assertThat(added.stderr()).isEmpty();
        assertThat(server.adminOk("account", "list").stdout()).contains("hank@tests " + hank.keyId(),
                fingerprint + " " + fingerprint);
        ClientAccount second = new ClientAccount("hank", hank.id(), fingerprint, otherHome);
        assertThat(server.triton(second, "image", "list").exitCode()).isZero();
    }

    @Test
    void importingAFolderOfExportedImagesReportsEachAndGivesUnsetOwnersToTheOperator() throws IOException {
        // A data folder of its own: which operator accounts exist is part of the test.
        PackagedServer fresh = PackagedServer.create("import-folder");
        Path exported = Files.createDirectories(fresh.folder().resolve("exported"));
        byte[] good = "good image".getBytes(StandardCharsets.UTF_8);
        byte[] bad = "evil image".getBytes(StandardCharsets.UTF_8);
        String goodId = UUID.randomUUID().toString();
        String badId = UUID.randomUUID().toString();
        writeExported(exported, "base-1.0.0", goodId, good, PackagedServer.sha1(good));
        writeExported(exported, "broken-1.0.0", badId, bad, PackagedServer.sha1(good));
        String goodManifest = exported.resolve("base-1.0.0.imgmanifest").toString();
        String badManifest = exported.resolve("broken-1.0.0.imgmanifest").toString();

        Result noOperator = fresh.admin("image", "import", exported.toString());

        assertThat(noOperator.exitCode()).as(noOperator.toString()).isEqualTo(1);
        assertThat(noOperator.stdout()).isEmpty();
        assertThat(noOperator.stderr().lines()).as(noOperator.toString()).hasSize(2)
                .allMatch(l -> l.startsWith("error: " + goodManifest + ": ") || l.startsWith("error: " + badManifest + ": "))
                .allMatch(l -> l.contains("00000000-0000-0000-0000-000000000000") && l.contains("--operator"));

        ClientAccount admin = fresh.addAccount("admin", true);
        ClientAccount carol = fresh.addAccount("carol", false);
        Result imported = fresh.admin("image", "import", exported.toString());

        assertThat(imported.exitCode()).as(imported.toString()).isEqualTo(1);
        assertThat(imported.stdout()).as(imported.toString())
                .isEqualTo("imported image " + goodId + " (base-1.0.0 1.0.0), state active, owner admin\n");
        assertThat(imported.stderr()).as(imported.toString()).startsWith("error (ValidationFailed): " + badManifest + ": ");
        assertThat(imported.stderr().lines()).hasSize(1);

        Files.write(exported.resolve("broken-1.0.0.zfs.gz"), good);
        Result owned = fresh.adminOk("image", "import", badManifest, "--owner", carol.login());
        assertThat(owned.stdout()).isEqualTo("imported image " + badId + " (broken-1.0.0 1.0.0), state active, owner carol\n");
        assertThat(owned.stderr()).isEmpty();

        fresh.start();
        try {
            assertThat(fresh.triton(admin, "image", "get", goodId).jsonObject()).containsEntry("owner", admin.id().toString());
            assertThat(fresh.triton(carol, "image", "get", badId).jsonObject()).containsEntry("owner", carol.id().toString());
        } finally {
            fresh.stop();
        }
    }

    @Test
    void aManifestThatFailsItsBatchIsReportedAloneAndTheOthersAreImported() throws IOException {
        Path folder = Files.createDirectories(server.folder().resolve("batch"));
        String owner = alice.id().toString();
        String taken = server.importImage(Map.of("owner", owner, "name", "first", "version", "1"),
                "image bytes".getBytes(StandardCharsets.UTF_8)).id().toString();
        // Without a file, all five go in one transaction: the taken id fails it, not the manifest's reading.
        List<String> ids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(), taken,
                UUID.randomUUID().toString(), UUID.randomUUID().toString());
        for (int i = 0; i < ids.size(); i++) {
            Files.write(folder.resolve("batch-" + i + ".json"), new ObjectMapper().writeValueAsBytes(
                    Map.of("uuid", ids.get(i), "owner", owner, "name", "batch-" + i, "version", "1")));
        }

        Result imported = server.admin("image", "import", folder.toString());

        assertThat(imported.exitCode()).as(imported.toString()).isEqualTo(1);
        assertThat(imported.stderr().lines()).as(imported.toString()).singleElement().asString()
                .startsWith("error (ImageUuidAlreadyExists): " + folder.resolve("batch-2.json") + ": ");
        assertThat(imported.stdout().lines()).as(imported.toString()).containsExactly(
                "imported image " + ids.get(0) + " (batch-0 1), state unactivated",
                "imported image " + ids.get(1) + " (batch-1 1), state unactivated",
                "imported image " + ids.get(3) + " (batch-3 1), state unactivated",
                "imported image " + ids.get(4) + " (batch-4 1), state unactivated");
        String listed = server.triton(alice, "image", "list", "-a", "-H", "-o", "id,name").stdout();
        for (int i : new int[] {0, 1, 3, 4}) {
            assertThat(listed).containsPattern(ids.get(i) + "\\s+batch-" + i);
        }
        assertThat(listed).doesNotContain("batch-2");
    }

    /** An image as an export leaves it: NAME.imgmanifest (owner unset) beside NAME.zfs.gz. */
    private static void writeExported(Path folder, String name, String id, byte[] content, String sha1) throws IOException {
        Map<String, Object> manifest = Map.of("v", 2, "uuid", id, "owner", "00000000-0000-0000-0000-000000000000",
                "name", name, "version", "1.0.0", "state", "active", "public", false,
                "files", List.of(Map.of("sha1", sha1, "size", content.length, "compression", "gzip")));
        Files.write(folder.resolve(name + ".imgmanifest"), new ObjectMapper().writeValueAsBytes(manifest));
        Files.write(folder.resolve(name + ".zfs.gz"), content);
    }

    @Test
    void accountAddPrintsTheClientSettings() {
        ClientAccount dora = server.addAccount("dora", true);

        Result list = server.adminOk("account", "list");
        assertThat(list.stdout()).containsPattern("dora\\s+" + dora.id() + "\\s+yes\\s+no");
        Path key = dora.home().resolve(".ssh/id_rsa.pub");
        Result again = server.admin("account", "add", "dora2", "--key", key.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(again.stdout()).contains("export TRITON_URL=" + server.url() + " TRITON_ACCOUNT=dora2 TRITON_KEY_ID="
                + dora.keyId());
    }

    @Test
    void badUsageExitsWith2WithoutStartingTheService() {
        for (String[] args : new String[][] {
                {"account"}, {"account", "add", "x"}, {"frobnicate"}, {"account", "list", "extra"},
                {"image", "import"}, {"account", "add", "x", "--key", "k", "--colour", "red"}}) {
            Result result = server.admin(args);
            assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result).isEqualTo(2);
            assertThat(result.stderr()).startsWith("error: ").contains("Usage:");
            assertThat(result.stdout()).isEmpty();
        }
        assertThat(server.admin("help").stdout()).contains("account key-add LOGIN --key PUBLIC_KEY_FILE");
    }

    @Test
    void failuresExitWith1AndOneLineOnStderr() {
        Path aliceKey = alice.home().resolve(".ssh/id_rsa.pub");
        assertFailure(server.admin("account", "add", "alice", "--key", aliceKey.toString()),
                "error (InvalidArgument): login alice is already taken");
        assertFailure(server.admin("account", "add", "erin", "--key", "no-such.pub"), "error: no such file: no-such.pub");
        assertFailure(server.admin("account", "disable", "nobody"), "error (ResourceNotFound): account nobody not found");
        assertFailure(server.admin("account", "add", "erin", "--key", alice.home().resolve(".ssh/id_rsa").toString()),
                "error (InvalidArgument): expected an OpenSSH public key line");
    }

    @Test
    void keysAreAddedAndRemovedWhileTheServerRuns() {
        ClientAccount frank = server.addAccount("frank", false);
        Path otherHome = frank.home().resolveSibling("home-frank-laptop");
        String line = PackagedServer.ClientKeys.writeRsaKeyPair(otherHome.resolve(".ssh"), "frank@laptop");
        ClientAccount laptop = new ClientAccount("frank", frank.id(), PackagedServer.ClientKeys.md5Fingerprint(line),
                otherHome);

        Result added = server.adminOk("account", "key-add", "frank", "--key",
                otherHome.resolve(".ssh/id_rsa.pub").toString(), "--name", "laptop");
        assertThat(added.stdout()).contains("added key laptop (" + laptop.keyId() + ")");
        assertThat(server.triton(laptop, "image", "list").exitCode()).isZero();

        server.adminOk("account", "key-remove", "frank", "laptop");
        Result refused = server.triton(laptop, "image", "list");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr()).contains("InvalidCredentials");
        assertThat(server.triton(frank, "image", "list").exitCode()).isZero();
    }

    @Test
    void aDisabledAccountIsRefused() {
        ClientAccount gina = server.addAccount("gina", false);

        assertThat(server.adminOk("account", "disable", "gina").stdout()).contains("account gina is disabled");

        Result refused = server.triton(gina, "image", "list");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr()).contains("NotAuthorized");
        assertThat(server.adminOk("account", "list").stdout()).containsPattern("gina\\s+\\S+\\s+no\\s+yes");
    }

    @Test
    void importWithoutAFileLeavesTheImageUnactivated() {
        String id = UUID.randomUUID().toString();
        Result imported = server.adminOk("image", "import", manifest(Map.of("uuid", id, "owner", alice.id().toString(),
                "name", "later", "version", "1.0.0")).toString());

        assertThat(imported.stdout()).contains("imported image " + id + " (later 1.0.0), state unactivated");
        Result all = server.triton(alice, "image", "list", "-a", "-H", "-o", "id,state");
        assertThat(all.stdout()).containsPattern(id + "\\s+unactivated");
    }

    @Test
    void importRefusals() {
        byte[] content = "image bytes".getBytes(StandardCharsets.UTF_8);
        Path file = write("refusal.gz", content);
        String owner = alice.id().toString();
        Map<String, Object> wrongSha1 = Map.of("owner", owner, "name", "x", "version", "1",
                "files", List.of(Map.of("sha1", PackagedServer.sha1(new byte[1]), "size", content.length,
                        "compression", "gzip")));
        assertFailure(server.admin("image", "import", manifest(wrongSha1).toString(), "--file", file.toString()),
                "error (ValidationFailed): ");

        Map<String, Object> strangerOwned = Map.of("owner", UUID.randomUUID().toString(), "name", "x", "version", "1");
        assertFailure(server.admin("image", "import", manifest(strangerOwned).toString()), "error (OwnerDoesNotExist): ");

        String id = server.importImage(Map.of("owner", owner, "name", "once", "version", "1"), content).id().toString();
        assertFailure(server.admin("image", "import", manifest(Map.of("uuid", id, "owner", owner, "name", "twice",
                "version", "1")).toString()), "error (ImageUuidAlreadyExists): ");

        Map<String, Object> bad = Map.of("owner", owner, "name", "bad name!", "os", "plan9");
        Result invalid = server.admin("image", "import", manifest(bad).toString());
        assertFailure(invalid, "error (ValidationFailed): ");
        assertThat(invalid.stderr()).contains("\"name\"", "\"version\"", "\"os\"");

        assertFailure(server.admin("image", "import", write("broken.json", "{\"name\":".getBytes(StandardCharsets.UTF_8)).toString()),
                "error: ");
    }

    private Path manifest(Map<String, Object> fields) {
        Map<String, Object> manifest = new LinkedHashMap<>(fields);
        manifest.putIfAbsent("uuid", UUID.randomUUID().toString());
        try {
            return write("manifest-" + manifest.get("uuid") + ".json",
                    new ObjectMapper().writeValueAsBytes(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path write(String name, byte[] content) {
        try {
            return Files.write(server.folder().resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertFailure(Result result, String stderrStart) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr()).as(result.toString()).startsWith(stderrStart);
        assertThat(result.stderr().strip().lines()).as(result.toString()).hasSize(1);
    }
}
