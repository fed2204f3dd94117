package dev.imageservice.bootstrap.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imageservice.bootstrap.packaged.PackagedServer.ClientAccount;
import dev.imageservice.bootstrap.packaged.PackagedServer.SeededImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL in the middle of an export and of clones, then a restart: nothing half-written is
 * visible (no manifest without its file, no image without its bytes), no temporary file is left,
 * and the export, run again, completes.
 */
class CrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PackagedServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void anExportKilledWhileItCopiesLeavesNothingAndRunsAgain() throws Exception {
        server = PackagedServer.create("crash-export").start();
        ClientAccount alice = server.addAccount("alice", false);
        // Large enough that the copy is still running when its temporary file is first seen.
        byte[] content = new byte[96 * 1024 * 1024];
        new Random(1).nextBytes(content);
        SeededImage image = server.importImage(Map.of("owner", alice.id().toString(), "name", "big", "version", "1.0.0",
                "published_at", "2020-02-02T02:02:02.020Z"), content);
        Path stor = server.dataDir().resolve("manta").resolve("alice").resolve("stor");
        String export = "/alice/images/" + image.id() + "?action=export&manta_path=/alice/stor/big";

        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
            try {
                server.request(alice, "POST", export, null);
            } catch (UncheckedIOException e) {
                // The server died under the request, as intended.
            }
        });
        awaitTemporaryFile(stor);
        server.kill();
        running.join();
        server.start();

        List<String> left = names(stor);
        assertThat(left).as("no temporary file after the restart").noneMatch(name -> name.startsWith(".incoming-"));
        assertThat(left).as("the crash came before the manifest").doesNotContain("big.imgmanifest");
        HttpResponse<byte[]> again = server.request(alice, "POST", export, null);
        assertThat(again.statusCode()).as(new String(again.body())).isEqualTo(200);
        assertThat(names(stor)).containsExactlyInAnyOrder("big.imgmanifest", "big.zfs.gz");
        assertThat(Files.size(stor.resolve("big.zfs.gz"))).isEqualTo(content.length);
        assertThat(server.request(alice, "GET", "/alice/stor/big.imgmanifest", null).statusCode()).isEqualTo(200);
    }

    @Test
    void clonesKilledInFlightLeaveNoImageWithoutItsBytes() throws Exception {
        server = PackagedServer.create("crash-clone").start();
        ClientAccount alice = server.addAccount("alice", false);
        ClientAccount bob = server.addAccount("bob", false);
        byte[] content = "shared with alice".getBytes();
        SeededImage shared = server.importImage(Map.of("owner", bob.id().toString(), "name", "shared", "version", "1.0.0",
                "acl", List.of(alice.id().toString()), "published_at", "2020-02-02T02:02:02.020Z"), content);

        List<CompletableFuture<Integer>> clones = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            clones.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return server.request(alice, "POST", "/alice/images/" + shared.id() + "?action=clone", null).statusCode();
                } catch (UncheckedIOException e) {
                    return -1;
                }
            }));
        }
        CompletableFuture.anyOf(clones.toArray(CompletableFuture[]::new)).join();
        server.kill();
        CompletableFuture.allOf(clones.toArray(CompletableFuture[]::new)).join();
        server.start();

        List<Map<String, Object>> images = list(alice, "/alice/images?state=all");
        assertThat(images).as("at least the clone that answered").isNotEmpty();
        for (Map<String, Object> each : images) {
            assertThat(each.get("state")).isEqualTo("active");
            HttpResponse<byte[]> file = server.request(alice, "GET", "/alice/images/" + each.get("id") + "/file", null);
            assertThat(file.statusCode()).as("the bytes of " + each.get("id")).isEqualTo(200);
            assertThat(file.body()).isEqualTo(content);
        }
        assertThat(temporaryFiles(server.dataDir())).isEmpty();
    }

    private List<Map<String, Object>> list(ClientAccount account, String path) throws IOException {
        HttpResponse<byte[]> response = server.request(account, "GET", path, null);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readValue(response.body(), JSON.getTypeFactory().constructCollectionType(List.class, Map.class));
    }

    private static void awaitTemporaryFile(Path directory) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (names(directory).stream().anyMatch(name -> name.startsWith(".incoming-"))) {
                return;
            }
            Thread.sleep(1);
        }
        throw new AssertionError("the export never started writing under " + directory);
    }

    private static List<String> names(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).toList();
        } catch (IOException e) {
            // A file renamed or removed while listed: look again next time.
            return List.of();
        }
    }

    /** Staged image files and export temporaries anywhere under the data folder. */
    private static List<Path> temporaryFiles(Path dataDir) throws IOException {
        try (Stream<Path> walk = Files.walk(dataDir)) {
            return walk.filter(Files::isRegularFile).filter(file -> file.toString().contains("/files/tmp/")
                    || file.getFileName().toString().startsWith(".incoming-")).toList();
        }
    }
}
