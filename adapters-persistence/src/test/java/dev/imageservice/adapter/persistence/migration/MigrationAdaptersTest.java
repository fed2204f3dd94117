package dev.imageservice.adapter.persistence.migration;

import static dev.imageservice.adapter.persistence.migration.EmbeddedInstallationFixture.DISK;
import static dev.imageservice.adapter.persistence.migration.EmbeddedInstallationFixture.DISK_SHA256;
import static dev.imageservice.adapter.persistence.migration.EmbeddedInstallationFixture.EXPORT;
import static dev.imageservice.adapter.persistence.migration.EmbeddedInstallationFixture.EXPORT_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.adapter.persistence.DatabaseSelection;
import dev.imageservice.application.port.in.MigrationRefused;
import dev.imageservice.application.port.out.EmbeddedInstallations.Installation;
import dev.imageservice.application.port.out.EmbeddedInstallations.StoredEntry;
import dev.imageservice.application.port.out.ExportStore;
import dev.imageservice.application.port.out.ImageFileStore;
import dev.imageservice.domain.export.MantaPath;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The migration's two adapters on real parts: an H2 file made by the service's migrations, a real
 * PostgreSQL and S3Proxy. What they move is read back the way the service reads it.
 */
@QuarkusTest
@TestProfile(ClusterProfile.class)
class MigrationAdaptersTest {

    private static final Set<String> TABLES = Set.of("account", "account_key", "image", "image_acl",
            "image_file_blob", "machine", "image_job");
    private static Path source;

    @Inject
    H2Installations installations;
    @Inject
    PostgresqlS3Cluster cluster;
    @Inject
    ImageFileStore imageFiles;
    @Inject
    ExportStore exports;
    @Inject
    @DataSource(DatabaseSelection.POSTGRESQL)
    AgroalDataSource postgresql;

    @BeforeAll
    static void installation() {
        source = EmbeddedInstallationFixture.create();
    }

    @AfterEach
    void emptyCluster() throws SQLException {
        try (Connection connection = postgresql.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("truncate " + String.join(", ", TABLES));
        }
    }

    @Test
    void theClusterIsConfiguredAndAtTheInstallationsSchemaVersion() {
        assertThat(cluster.missingSettings()).isEmpty();
        try (Installation installation = installations.open(source)) {
            assertThat(installation.schemaVersion()).isEqualTo(cluster.schemaVersion()).matches("\\d+");
        }
    }

    @Test
    void everyRowFileAndExportArrivesAsTheServiceReadsThem() throws Exception {
        assertThat(cluster.storedRows()).isEmpty();
        try (Installation installation = installations.open(source)) {
            assertThat(installation.imageFiles()).containsExactly(new StoredEntry(DISK_SHA256, DISK.length));
            assertThat(installation.exportedObjects()).containsExactly(new StoredEntry(EXPORT_KEY, EXPORT.length));
            try (InputStream file = installation.openImageFile(DISK_SHA256)) {
                cluster.writeImageFile(DISK_SHA256, file);
            }
            try (InputStream export = installation.openExportedObject(EXPORT_KEY)) {
                cluster.writeExportedObject(EXPORT_KEY, export);
            }
            assertThat(installation.rows().tables()).isEqualTo(TABLES);

            Map<String, Long> inserted = cluster.insertRows(installation.rows());

            assertThat(inserted).containsExactlyInAnyOrderEntriesOf(Map.of("account", 2L, "account_key", 1L,
                    "image", 2L, "image_acl", 1L, "image_file_blob", 1L, "machine", 1L, "image_job", 1L));
            assertThat(List.copyOf(inserted.keySet()).indexOf("account"))
                    .isLessThan(List.copyOf(inserted.keySet()).indexOf("account_key"));
            assertThat(List.copyOf(inserted.keySet()).indexOf("image"))
                    .isLessThan(List.copyOf(inserted.keySet()).indexOf("image_acl"));
        }
        try (Connection h2 = h2(source).getConnection(); Connection pg = postgresql.getConnection()) {
            for (String table : TABLES) {
                assertThat(rows(pg, table)).as(table).isEqualTo(rows(h2, table)).isNotEmpty();
            }
        }
        assertThat(cluster.storedRows()).containsEntry("image", 2L);
        try (InputStream file = imageFiles.open(DISK_SHA256).stream()) {
            assertThat(file.readAllBytes()).isEqualTo(DISK);
        }
        try (InputStream export = exports.open(MantaPath.parse("/" + EXPORT_KEY)).orElseThrow().stream()) {
            assertThat(export.readAllBytes()).isEqualTo(EXPORT);
        }
    }

    @Test
    void aFailureAmongTheRowsKeepsNoneAndARunAfterItSucceeds() throws SQLException {
        try (Connection connection = postgresql.getConnection(); Statement sql = connection.createStatement()) {
            // image_acl goes in after account and image: their rows are inserted when this fails.
            sql.execute("create function refuse_row() returns trigger language plpgsql as"
                    + " $$ begin raise exception 'refused by the test'; end $$");
            sql.execute("create trigger refuse_row before insert on image_acl for each row execute function refuse_row()");
        }
        try (Installation installation = installations.open(source)) {
            assertThatThrownBy(() -> cluster.insertRows(installation.rows()))
                    .hasMessageContaining("refused by the test");
            assertThat(cluster.storedRows()).isEmpty();

            try (Connection connection = postgresql.getConnection(); Statement sql = connection.createStatement()) {
                sql.execute("drop trigger refuse_row on image_acl");
                sql.execute("drop function refuse_row");
            }
            assertThat(cluster.insertRows(installation.rows())).containsEntry("image_acl", 1L);
        }
    }

    @Test
    void anInstallationAnotherProcessHoldsIsRefusedUntilItLetsGo() throws Exception {
        // H2's shell in a JVM of its own holds the database as a server does (automatic server mode); it
        // greets once connected, then waits for SQL on its input.
        Path h2Jar = Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path output = Files.createTempFile(Path.of("target"), "h2-shell-", ".log");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                h2Jar.toString(), "org.h2.tools.Shell", "-url", EmbeddedInstallationFixture.serverUrl(source),
                "-user", "sa").redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            for (int i = 0; i < 300 && holder.isAlive() && !Files.readString(output).contains("Welcome"); i++) {
                Thread.sleep(100);
            }
            assertThat(Files.readString(output)).as("the shell holds the database").contains("Welcome");

            assertThatThrownBy(() -> installations.open(source)).isInstanceOf(MigrationRefused.class)
                    .hasMessage("the database in " + source + " is in use: stop the server (or admin command) running"
                            + " on it, then run migrate again");
        } finally {
            holder.getOutputStream().close();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).as("the shell ends with its input").isTrue();
        }
        installations.open(source).close();
    }

    @Test
    void aFolderWithoutAnInstallationIsRefusedAndLeftAsItWas() throws IOException {
        Path empty = Files.createTempDirectory(Path.of("target"), "no-installation-");

        assertThatThrownBy(() -> installations.open(empty)).isInstanceOf(MigrationRefused.class)
                .hasMessage(empty + " holds no embedded installation (no db/images.mv.db in it)");
        try (var left = Files.list(empty)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void anImageFileMissingFromTheFolderIsNamed() throws IOException {
        Path broken = EmbeddedInstallationFixture.create();
        Path file = broken.resolve("files/sha256").resolve(DISK_SHA256.substring(0, 2)).resolve(DISK_SHA256);
        Files.delete(file);

        try (Installation installation = installations.open(broken)) {
            assertThatThrownBy(() -> installation.openImageFile(DISK_SHA256))
                    .hasMessageContaining("image file " + DISK_SHA256 + " is missing from " + broken.resolve("files"));
        }
    }

    @Test
    void anObjectWrittenAgainReplacesTheFirst() throws IOException {
        cluster.writeExportedObject(EXPORT_KEY, new ByteArrayInputStream(new byte[] {1, 2, 3}));
        cluster.writeExportedObject(EXPORT_KEY, new ByteArrayInputStream(EXPORT));

        try (InputStream export = cluster.openExportedObject(EXPORT_KEY)) {
            assertThat(export.readAllBytes()).isEqualTo(EXPORT);
        }
    }

    private static JdbcDataSource h2(Path dataDir) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dataDir.resolve("db/images"));
        h2.setUser("sa");
        return h2;
    }

    /** A table's rows as comparable text, in a stable order; timestamps as instants, texts as texts. */
    private static List<String> rows(Connection connection, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement sql = connection.createStatement(); ResultSet all = sql.executeQuery("select * from " + table)) {
            while (all.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= all.getMetaData().getColumnCount(); i++) {
                    Object value = all.getObject(i);
                    row.put(all.getMetaData().getColumnLabel(i).toLowerCase(), value instanceof Clob ? all.getString(i)
                            : value instanceof OffsetDateTime time ? time.toInstant()
                            : value instanceof Timestamp time ? time.toInstant() : value);
                }
                rows.add(row.toString());
            }
        }
        rows.sort(null);
        return rows;
    }
}
