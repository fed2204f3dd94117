package dev.imageservice.bootstrap.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imageservice.adapter.persistence.postgresql.PostgresqlServer;
import dev.imageservice.adapter.persistence.s3.S3ProxyServer;
import dev.imageservice.bootstrap.packaged.PackagedServer.ClientAccount;
import dev.imageservice.bootstrap.packaged.PackagedServer.Result;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code migrate --from DATA_DIR} with the packaged jar: an embedded installation (H2 file, image files,
 * an export) made through the jar's own commands and API moves into a real PostgreSQL and S3Proxy, and
 * the jar started on those serves all of it; and the refusals, each before anything is inserted. The
 * tests build on each other in order (the installation is made once, the cluster filled once).
 */
@TestMethodOrder(OrderAnnotation.class)
class MigrateIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final S3ProxyServer STORE = new S3ProxyServer();
    private static final byte[] SHARED_FILE = "the shared image's file".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PRIVATE_FILE = "alice's own image file".getBytes(StandardCharsets.UTF_8);
    private static final String SHARED = UUID.randomUUID().toString();
    private static final String PRIVATE = UUID.randomUUID().toString();

    private static PackagedServer embedded;
    private static PackagedServer cluster;
    private static ClientAccount alice;
    private static ClientAccount bob;

    /** The embedded installation: two accounts, two images with files, one shared with bob, an export. */
    @BeforeAll
    static void installation() throws IOException {
        Map<String, String> s3 = STORE.start();
        cluster = PackagedServer.create("migrate-cluster").set("images.db.url", PostgresqlServer.shared().createDatabase())
                .set("images.db.user", PostgresqlServer.USER).set("images.db.password", PostgresqlServer.shared().password());
        s3.forEach(cluster::set);
        embedded = PackagedServer.create("migrate-embedded").start();
        alice = embedded.addAccount("alice", false);
        bob = embedded.addAccount("bob", false);
        Path manifests = Files.createDirectories(embedded.folder().resolve("manifests"));
        writeImage(manifests, SHARED, "base", SHARED_FILE, List.of(bob.id().toString()));
        writeImage(manifests, PRIVATE, "own", PRIVATE_FILE, List.of());
        embedded.adminOk("image", "import", manifests.toString());
        assertThat(embedded.request(alice, "POST", "/alice/images/" + SHARED + "?action=export&manta_path=/alice/stor/base",
                null).statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        embedded.close();
        cluster.close();
        STORE.stop();
    }

    @Test
    @Order(1)
    void anInstallationItsServerStillRunsOnIsRefused() {
        Result refused = migrate(cluster, embedded.dataDir());

        assertRefused(refused, "error: the database in " + embedded.dataDir() + " is in use: stop the server");
    }

    @Test
    @Order(2)
    void withoutTheClustersSettingsNothingIsOpenedOrMade() {
        PackagedServer bare = PackagedServer.create("migrate-bare");

        Result refused = migrate(bare, embedded.dataDir());

        assertRefused(refused, "error: no cluster to move into: set IMAGES_DB_URL and IMAGES_S3_ENDPOINT");
        assertThat(bare.dataDir()).doesNotExist();
    }

    @Test
    @Order(3)
    void anInstallationAtAnotherSchemaVersionIsRefused() throws IOException, SQLException {
        embedded.stop();
        Path older = copy(embedded.dataDir(), embedded.folder().resolve("older-data"));
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + older.resolve("db/images").toAbsolutePath());
        h2.setUser("sa");
        // As a release before the newest migration left it.
        try (Connection connection = h2.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("delete from \"flyway_schema_history\" where \"installed_rank\" ="
                    + " (select max(\"installed_rank\") from \"flyway_schema_history\")");
        }

        Result refused = migrate(cluster, older);

        assertRefused(refused, "error: " + older + " has database schema version ");
        assertThat(refused.stderr()).contains("both must be made by the same release");
    }

    @Test
    @Order(4)
    void everythingMovesAndTheClusterServesIt() throws IOException {
        Result moved = migrate(cluster, embedded.dataDir());

        assertThat(moved.exitCode()).as(moved.toString()).isZero();
        assertThat(moved.stdout()).as(moved.toString()).contains("rows in account: 2", "rows in account_key: 2",
                "rows in image: 2", "rows in image_acl: 1", "rows in image_file_blob: 2", "image files: 2 (",
                "exported objects: 2 (");
        cluster.start();
        // Nothing of it is in the cluster instance's own folder: rows, files and exports come from PostgreSQL and S3.
        assertThat(cluster.dataDir().resolve("db")).doesNotExist();
        assertThat(cluster.dataDir().resolve("files")).doesNotExist();
        assertThat(cluster.dataDir().resolve("manta")).doesNotExist();

        assertThat(sha1(get(alice, "/alice/images/" + SHARED + "/file"))).isEqualTo(PackagedServer.sha1(SHARED_FILE));
        assertThat(sha1(get(alice, "/alice/images/" + PRIVATE + "/file"))).isEqualTo(PackagedServer.sha1(PRIVATE_FILE));
        Map<String, Object> shared = JSON.readValue(get(alice, "/alice/images/" + SHARED), new TypeReference<>() { });
        assertThat(shared).containsEntry("name", "base").containsEntry("state", "active")
                .containsEntry("acl", List.of(bob.id().toString()));

        // bob sees what was shared with him, and only that.
        List<Map<String, Object>> bobSees = JSON.readValue(get(bob, "/bob/images"), new TypeReference<>() { });
        assertThat(bobSees).extracting(image -> image.get("id")).containsExactly(SHARED);
        assertThat(sha1(get(bob, "/bob/images/" + SHARED + "/file"))).isEqualTo(PackagedServer.sha1(SHARED_FILE));
        assertThat(cluster.request(bob, "GET", "/bob/images/" + PRIVATE, null).statusCode()).isEqualTo(404);

        Map<String, String> exported = exportedObjects(embedded.dataDir().resolve("manta"));
        assertThat(exported).containsOnlyKeys("alice/stor/base.imgmanifest", "alice/stor/base.zfs.gz");
        exported.forEach((key, sha1) -> assertThat(sha1(get(alice, "/" + key))).as(key).isEqualTo(sha1));
    }

    @Test
    @Order(5)
    void aClusterThatHoldsRowsIsRefused() {
        Result refused = migrate(cluster, embedded.dataDir());

        assertRefused(refused, "error: the cluster's database is not empty (account: 2 rows");
    }

    private static Result migrate(PackagedServer on, Path from) {
        return on.admin("migrate", "--from", from.toAbsolutePath().toString());
    }

    /** Exit status 1 and one line on stderr, starting as given; nothing on stdout. */
    private static void assertRefused(Result refused, String start) {
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.stderr().lines()).as(refused.toString()).singleElement().asString().startsWith(start);
        assertThat(refused.stdout()).as(refused.toString()).isEmpty();
    }

    private static byte[] get(ClientAccount account, String path) {
        HttpResponse<byte[]> response = cluster.request(account, "GET", path, null);
        assertThat(response.statusCode()).as(path + ": " + new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        return response.body();
    }

    private static String sha1(byte[] bytes) {
        return PackagedServer.sha1(bytes);
    }

    /** An IMGAPI manifest and its file side by side, as {@code image import DIR} takes them. */
    private static void writeImage(Path folder, String id, String name, byte[] file, List<String> acl) throws IOException {
        Map<String, Object> manifest = Map.of("v", 2, "uuid", id, "owner", alice.id().toString(), "name", name,
                "version", "1.0", "os", "smartos", "type", "zone-dataset", "acl", acl,
                "files", List.of(Map.of("sha1", sha1(file), "size", file.length, "compression", "gzip")));
        Files.writeString(folder.resolve(name + "-1.0.imgmanifest"), JSON.writeValueAsString(manifest));
        Files.write(folder.resolve(name + "-1.0.zfs.gz"), file);
    }

    /** The objects an export left under {@code manta/}, by key, with the SHA-1 of their bytes. */
    private static Map<String, String> exportedObjects(Path manta) throws IOException {
        Map<String, String> objects = new TreeMap<>();
        try (Stream<Path> files = Files.walk(manta)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                objects.put(manta.relativize(file).toString(), sha1(Files.readAllBytes(file)));
            }
        }
        return objects;
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
        return to;
    }
}
