package dev.imageservice.adapter.persistence.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A data folder laid out as the embedded service leaves it: the H2 file made by the service's own
 * migrations (through Flyway, as at a start), a row in every table (nulls, texts, timestamps and
 * UUIDs among them), an image file under {@code files/} and an export under {@code manta/}.
 */
final class EmbeddedInstallationFixture {

    static final UUID ALICE = UUID.fromString("11111111-1111-4111-8111-111111111111");
    static final UUID BOB = UUID.fromString("22222222-2222-4222-8222-222222222222");
    static final UUID SHARED_IMAGE = UUID.fromString("33333333-3333-4333-8333-333333333333");
    static final byte[] DISK = "a compressed disk, as an image file holds one".getBytes(StandardCharsets.UTF_8);
    static final String DISK_SHA256 = digest("SHA-256", DISK);
    static final String EXPORT_KEY = "alice/stor/exports/base-1.0.imgmanifest";
    static final byte[] EXPORT = "{\"name\":\"base\",\"version\":\"1.0\"}".getBytes(StandardCharsets.UTF_8);

    private EmbeddedInstallationFixture() {
    }

    static Path create() {
        try {
            Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "installation-")
                    .toAbsolutePath();
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(url(dataDir));
            h2.setUser("sa");
            Flyway.configure().dataSource(h2).locations("filesystem:src/main/resources/db/migration").load().migrate();
            try (Connection connection = h2.getConnection(); Statement sql = connection.createStatement()) {
                insertRows(sql);
            }
            Path file = dataDir.resolve("files/sha256").resolve(DISK_SHA256.substring(0, 2)).resolve(DISK_SHA256);
            Files.createDirectories(file.getParent());
            Files.write(file, DISK);
            Path export = dataDir.resolve("manta").resolve(EXPORT_KEY);
            Files.createDirectories(export.getParent());
            Files.write(export, EXPORT);
            // What an export cut short leaves behind: no object, and not moved.
            Files.write(export.resolveSibling(".incoming-1.part"), new byte[] {1});
            return dataDir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The H2 URL of the folder's database as a server opens it, in automatic server mode. */
    static String serverUrl(Path dataDir) {
        return url(dataDir) + ";AUTO_SERVER=TRUE";
    }

    private static String url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("db/images");
    }

    private static void insertRows(Statement sql) throws SQLException {
        String now = "timestamp with time zone '2024-05-06 07:08:09.123+02:00'";
        sql.execute("insert into account (id, login, email, operator, disabled, created, updated) values"
                + " ('" + ALICE + "', 'alice', 'alice@example.com', false, false, " + now + ", " + now + "),"
                + " ('" + BOB + "', 'bob', null, true, false, " + now + ", " + now + ")");
        sql.execute("insert into account_key (account_id, name, md5_fingerprint, sha256_fingerprint, public_key)"
                + " values ('" + ALICE + "', 'laptop', 'aa:bb', 'SHA256:xyz', 'ssh-ed25519 AAAA alice@laptop')");
        sql.execute("insert into image (id, owner_id, name, version, description, requirements_json, tags_json,"
                + " acl_json, is_public, state, file_sha1, file_size, file_compression, file_sha256, published_at,"
                + " revision) values ('" + SHARED_IMAGE + "', '" + ALICE + "', 'base', '1.0', 'shared with bob', '{}',"
                + " '{\"role\":\"db\"}', '[\"" + BOB + "\"]', false, 'active', '" + digest("SHA-1", DISK) + "', "
                + DISK.length + ", 'gzip', '" + DISK_SHA256 + "', " + now + ", 3)");
        sql.execute("insert into image (id, owner_id, name, version, requirements_json, tags_json, acl_json,"
                + " is_public, state, error_code, error_message, revision) values ('" + UUID.randomUUID() + "', '"
                + ALICE + "', 'broken', '2.0', '{}', '{}', '[]', false, 'failed', 'InternalError', 'disk gone', 1)");
        sql.execute("insert into image_acl (image_id, account_id) values ('" + SHARED_IMAGE + "', '" + BOB + "')");
        sql.execute("insert into image_file_blob (sha256, sha1, md5_base64, size, references_count, created, holds)"
                + " values ('" + DISK_SHA256 + "', '" + digest("SHA-1", DISK) + "', 'bWQ1', " + DISK.length + ", 1, "
                + now + ", 0)");
        UUID machine = UUID.randomUUID();
        sql.execute("insert into machine (id, name, owner_id, state, brand, image_id, disk) values ('" + machine
                + "', 'web', '" + ALICE + "', 'running', 'joyent', '" + SHARED_IMAGE + "', '/var/disks/web.img')");
        sql.execute("insert into image_job (id, image_id, machine_id, compression, state, progress_bytes, attempts,"
                + " machine_stopped, created, updated, progress_total) values ('" + UUID.randomUUID() + "', '"
                + SHARED_IMAGE + "', '" + machine + "', 'gzip', 'succeeded', 45, 1, false, " + now + ", " + now + ", 45)");
    }

    static String digest(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
