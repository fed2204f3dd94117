package dev.imageservice.bootstrap.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.adapter.persistence.postgresql.PostgresqlServer;
import dev.imageservice.bootstrap.packaged.PackagedServer.ClientAccount;
import dev.imageservice.bootstrap.packaged.PackagedServer.Result;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The packaged jar on a real PostgreSQL: chosen by IMAGES_DB_URL, admin commands on it, and starts it refuses. */
class PostgresqlIT {

    private static final PostgresqlServer DATABASE = PostgresqlServer.shared();

    private static PackagedServer on(String name, String url, String password) {
        return PackagedServer.create(name).set("images.db.url", url).set("images.db.user", PostgresqlServer.USER)
                .set("images.db.password", password);
    }

    @Test
    void adminCommandsAndTheServerWorkOnTheSharedDatabase() throws IOException {
        String url = DATABASE.createDatabase();
        try (PackagedServer server = on("pg", url, DATABASE.password()).start()) {
            ClientAccount alice = server.addAccount("alice", false);
            Path disk = Files.writeString(server.folder().resolve("disk.img"), "a disk");
            server.adminOk("machine", "add", "alice", "--name", "web", "--disk", disk.toString());
            assertThat(server.adminOk("account", "list").stdout()).contains("alice");
            assertThat(server.adminOk("machine", "list").stdout()).contains("web");
            assertThat(server.adminOk("job", "list").exitCode()).isZero();
            assertThat(server.request(alice, "GET", "/alice/images", null).statusCode()).isEqualTo(200);
            // Nothing went to an H2 file: the data folder holds no database.
            assertThat(server.dataDir().resolve("db")).doesNotExist();
        }
    }

    @Test
    void aDatabaseThatCannotBeReachedStopsTheStartWithOneLine() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Result refused = on("pg-down", "jdbc:postgresql://127.0.0.1:" + closed + "/images", "x").startExpectingExit();

        assertRefusedNaming(refused, "IMAGES_DB_URL");
    }

    @Test
    void aRefusedLoginStopsTheStartWithOneLine() {
        Result refused = on("pg-login", DATABASE.createDatabase(), "wrong").startExpectingExit();

        assertRefusedNaming(refused, "IMAGES_DB_PASSWORD");
    }

    private static void assertRefusedNaming(Result refused, String setting) {
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.stdout().lines().filter(line -> line.contains("ERROR")))
                .as(refused.toString()).singleElement().asString().contains(setting);
        assertThat(refused.stdout()).as(refused.toString()).doesNotContain("\tat ", "Exception", "Listening on");
    }
}
