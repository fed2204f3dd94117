package dev.imageservice.bootstrap.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imageservice.bootstrap.packaged.PackagedServer.ClientAccount;
import dev.imageservice.bootstrap.packaged.PackagedServer.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    void aCommandRunsBesideTheServerWithoutTakingItsPort() {
        Result list = server.adminOk("account", "list");

        assertThat(list.stdout()).contains("LOGIN", "alice", alice.id().toString(), alice.keyId());
        assertThat(list.stdout()).doesNotContain("Listening on");
        assertThat(server.triton(alice, "image", "list").exitCode()).isZero();
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
