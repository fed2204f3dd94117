package dev.imageservice.bootstrap.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.bootstrap.packaged.PackagedServer.ClientAccount;
import dev.imageservice.bootstrap.packaged.PackagedServer.Result;
import dev.imageservice.bootstrap.packaged.PackagedServer.SeededImage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Accounts and images live in the data folder: they outlast the process. */
class RestartIT {

    private PackagedServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void accountsAndImagesSurviveARestart() {
        server = PackagedServer.create("restart").start();
        ClientAccount alice = server.addAccount("alice", false);
        byte[] content = "kept across restarts".getBytes(StandardCharsets.UTF_8);
        SeededImage image = server.importImage(Map.of("owner", alice.id().toString(), "name", "keeper",
                "version", "1.0.0", "published_at", "2020-02-02T02:02:02.020Z"), content);

        server.stop();
        // With the server down, commands still work on the folder.
        assertThat(server.adminOk("account", "list").stdout()).contains("alice", alice.keyId());
        server.start();

        Result got = server.triton(alice, "image", "get", image.id().toString());
        assertThat(got.exitCode()).as(got.toString()).isZero();
        Map<String, Object> json = got.jsonObject();
        assertThat(json.get("state")).isEqualTo("active");
        assertThat(json.get("published_at")).isEqualTo("2020-02-02T02:02:02.020Z");
        assertThat(json.get("files").toString()).contains(PackagedServer.sha1(content));
        assertThat(server.triton(alice, "image", "list", "-H", "-o", "id").stdout()).contains(image.id().toString());
        // The how-to-add-an-account hint is for an empty service only: printed by the first start alone.
        assertThat(server.log().split("No accounts yet", -1)).hasSize(2);
    }
}
