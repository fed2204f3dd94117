package dev.imageservice.bootstrap.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imageservice.bootstrap.packaged.PackagedServer.ClientAccount;
import dev.imageservice.bootstrap.packaged.PackagedServer.Result;
import dev.imageservice.bootstrap.packaged.PackagedServer.SeededImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * CreateImageFromMachine, ExportImage and CloneImage with the real clients against the packaged
 * server, and an image creation that survives a crash of the server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageWorkflowsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final Pattern UUIDS = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private PackagedServer server;
    private ClientAccount alice;
    private ClientAccount bob;
    private SeededImage base;
    private Path diskDirectory;

    @BeforeAll
    void startAndSeed() throws IOException {
        // A short lease, so that a job whose server died is taken up again soon after a restart.
        server = PackagedServer.create("workflows").set("images.jobs.lease", "3s").start();
        ClientAccount admin = server.addAccount("admin", true);
        alice = server.addAccount("alice", false);
        bob = server.addAccount("bob", false);
        base = server.importImage(manifest(admin, "base-64", Map.of("public", true)), bytes("base"));
        diskDirectory = Files.createDirectories(server.folder().resolve("web01-disk/etc"));
        Files.writeString(diskDirectory.resolve("motd"), "hello from web01\n".repeat(1000));
        byte[] noise = new byte[512 * 1024];
        new Random(1).nextBytes(noise);
        Files.write(diskDirectory.resolve("noise.bin"), noise);
        server.adminOk("machine", "add", "alice", "--name", "web01", "--disk", diskDirectory.getParent().toString(),
                "--image", base.id().toString(), "--state", "running");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void tritonCreatesAnImageFromAMachineByNameAndWaits() {
        ok(server.triton(alice, "image", "create", "-w", "web01", "myimg", "1.0.0"));

        Map<String, Object> image = ok(server.triton(alice, "image", "get", "myimg@1.0.0")).jsonObject();
        assertThat(image.get("state")).isEqualTo("active");
        assertThat(image.get("origin")).isEqualTo(base.id().toString());
        assertThat(machineState("web01")).isEqualTo("running");
    }

    @Test
    void sdcCreatesAnImageFromAMachine() {
        String machine = machineId("web01");
        Result created = ok(server.sdc(alice, "createimagefrommachine", "--machine=" + machine, "--name=sdcimg",
                "--imageVersion=2.0.0"));

        String id = String.valueOf(created.jsonObject().get("id"));
        assertThat(server.awaitCreated(alice, id)).isEqualTo("active");
    }

    @Test
    void tritonExportsToADirectoryAndTheFileComesBackWhole() throws IOException {
        String id = createdImage("exported", "1.0.0");
        Files.createDirectories(server.dataDir().resolve("manta/alice/stor/exports"));

        ok(server.triton(alice, "image", "export", id, "/alice/stor/exports"));

        Map<String, Object> image = ok(server.triton(alice, "image", "get", id)).jsonObject();
        byte[] file = get(alice, "/alice/stor/exports/exported-1.0.0.zfs.gz");
        assertThat(PackagedServer.sha1(file)).isEqualTo(fileEntry(image).get("sha1"));
        Map<String, Object> manifest = JSON.readValue(get(alice, "/alice/stor/exports/exported-1.0.0.imgmanifest"),
                new TypeReference<>() { });
        assertThat(manifest.get("uuid")).isEqualTo(id);
        assertThat(server.request(bob, "GET", "/alice/stor/exports/exported-1.0.0.zfs.gz", null).statusCode())
                .isEqualTo(404);

        // The exported manifest and file are an import for a fresh instance.
        try (PackagedServer fresh = PackagedServer.create("fresh").start()) {
            fresh.addExistingAccount(alice, false);
            ClientAccount freshAdmin = fresh.addAccount("admin", true);
            fresh.importImage(manifest(freshAdmin, "base-64", Map.of("uuid", base.id().toString(), "public", true)),
                    bytes("base"));
            Path manifestFile = fresh.folder().resolve("exported.imgmanifest");
            Path imageFile = fresh.folder().resolve("exported.zfs.gz");
            Files.write(manifestFile, JSON.writeValueAsBytes(manifest));
            Files.write(imageFile, file);
            fresh.adminOk("image", "import", manifestFile.toString(), "--file", imageFile.toString());

            Map<String, Object> copy = ok(fresh.triton(alice, "image", "get", id)).jsonObject();
            assertThat(copy.get("state")).isEqualTo("active");
            assertThat(fileEntry(copy).get("sha1")).isEqualTo(fileEntry(image).get("sha1"));
            assertThat(copy.get("published_at")).isEqualTo(image.get("published_at"));
        }
    }

    @Test
    void sdcExportsToAPathPrefix() {
        String id = createdImage("sdc-exported", "1.0.0");

        Result exported = ok(server.sdc(alice, "exportimage", "--mantaPath=/alice/stor/backup/sdc-copy", id));

        assertThat(exported.stdout()).contains("/alice/stor/backup/sdc-copy.imgmanifest");
        assertThat(get(alice, "/alice/stor/backup/sdc-copy.zfs.gz")).isNotEmpty();
    }

    @Test
    void tritonClonesAnImageSharedWithTheCaller() {
        SeededImage shared = server.importImage(manifest(bob, "bobs-tool", Map.of("acl", List.of(alice.id().toString()),
                "origin", base.id().toString())), bytes("bob's tool"));

        Result cloned = ok(server.triton(alice, "image", "clone", shared.id().toString()));

        // triton names the source and then the clone.
        List<String> ids = UUIDS.matcher(cloned.stdout()).results().map(MatchResult::group).toList();
        assertThat(ids).as(cloned.stdout()).hasSize(2).startsWith(shared.id().toString());
        String cloneId = ids.get(1);
        Map<String, Object> clone = ok(server.triton(alice, "image", "get", cloneId)).jsonObject();
        assertThat(clone.get("owner")).isEqualTo(alice.id().toString());
        assertThat(clone.get("origin")).isEqualTo(base.id().toString());
        assertThat(server.triton(bob, "image", "get", cloneId).exitCode()).isEqualTo(3);
        ok(server.triton(alice, "image", "delete", "-f", cloneId));
        assertThat(ok(server.triton(bob, "image", "get", shared.id().toString())).jsonObject().get("state"))
                .isEqualTo("active");
    }

    @Test
    void aCreationInterruptedByACrashFinishesAfterTheRestart() throws Exception {
        Path fifo = server.folder().resolve("slow-disk");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        server.adminOk("machine", "add", "alice", "--name", "slow01", "--disk", fifo.toString(),
                "--image", base.id().toString(), "--state", "running");
        HttpResponse<byte[]> created = server.request(alice, "POST", "/alice/images",
                JSON.writeValueAsString(Map.of("machine", machineId("slow01"), "name", "survivor", "version", "1.0.0")));
        assertThat(created.statusCode()).as(new String(created.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        String id = String.valueOf(JSON.readValue(created.body(), Map.class).get("id"));
        // The job now blocks reading the disk, with the machine stopped for the snapshot.
        awaitMachineState("slow01", "stopped");

        server.kill();
        server.start();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (OutputStream disk = Files.newOutputStream(fifo)) {
                disk.write(bytes("written after the restart"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        assertThat(server.awaitCreated(alice, id)).isEqualTo("active");
        writer.get();
        awaitMachineState("slow01", "running");
    }

    private String createdImage(String name, String version) {
        ok(server.triton(alice, "image", "create", "-w", "web01", name, version));
        return String.valueOf(ok(server.triton(alice, "image", "get", name + "@" + version)).jsonObject().get("id"));
    }

    private void awaitMachineState(String name, String state) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            if (state.equals(machineState(name))) {
                return;
            }
            pause();
        }
        throw new AssertionError("machine " + name + " never became " + state);
    }

    private String machineState(String name) {
        return String.valueOf(machine(name).get("state"));
    }

    private String machineId(String name) {
        return String.valueOf(machine(name).get("id"));
    }

    private Map<String, Object> machine(String name) {
        HttpResponse<byte[]> response = server.request(alice, "GET", "/alice/machines?name=" + name, null);
        try {
            List<Map<String, Object>> machines = JSON.readValue(response.body(), new TypeReference<>() { });
            assertThat(machines).hasSize(1);
            return machines.get(0);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private byte[] get(ClientAccount account, String path) {
        HttpResponse<byte[]> response = server.request(account, "GET", path, null);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fileEntry(Map<String, Object> image) {
        return ((List<Map<String, Object>>) image.get("files")).get(0);
    }

    private static Map<String, Object> manifest(ClientAccount owner, String name, Map<String, Object> more) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("owner", owner.id().toString());
        fields.put("name", name);
        fields.put("version", "1.0.0");
        fields.put("os", "smartos");
        fields.put("type", "zone-dataset");
        fields.putAll(more);
        return fields;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Result ok(Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
