package dev.imageservice.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.application.port.in.MigrateInstallationUseCase.MigrationSummary;
import dev.imageservice.application.port.in.MigrateInstallationUseCase.Moved;
import dev.imageservice.application.port.in.MigrationRefused;
import dev.imageservice.application.port.out.ClusterTarget;
import dev.imageservice.application.port.out.EmbeddedInstallations;
import dev.imageservice.application.port.out.TableRows;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The migration's rules over in-memory ports; the real adapters are tested on PostgreSQL, S3Proxy and H2 files. */
class MigrateInstallationServiceTest {

    private static final Path DATA = Path.of("/srv/images/data");
    private static final byte[] DISK = "a compressed disk".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_DISK = "another compressed disk".getBytes(StandardCharsets.UTF_8);
    private static final byte[] MANIFEST = "{\"name\":\"base\"}".getBytes(StandardCharsets.UTF_8);

    private final Installation installation = new Installation();
    private final Cluster cluster = new Cluster();
    private final MigrateInstallationService service = new MigrateInstallationService(installation, cluster);

    Installation seeded() {
        installation.imageFiles.put(sha256(DISK), DISK);
        installation.imageFiles.put(sha256(OTHER_DISK), OTHER_DISK);
        installation.exports.put("alice/stor/base.imgmanifest", MANIFEST);
        installation.rows.put("account", List.of(new Object[] {"alice"}, new Object[] {"bob"}));
        installation.rows.put("image", List.<Object[]>of(new Object[] {"base"}));
        return installation;
    }

    @Test
    void copiesEveryFileAndExportThenInsertsEveryRow() {
        seeded();

        MigrationSummary summary = service.migrate(DATA);

        assertThat(cluster.imageFiles).containsOnlyKeys(sha256(DISK), sha256(OTHER_DISK));
        assertThat(cluster.imageFiles.get(sha256(DISK))).isEqualTo(DISK);
        assertThat(cluster.exports).containsOnlyKeys("alice/stor/base.imgmanifest");
        assertThat(cluster.rows).containsOnlyKeys("account", "image");
        assertThat(summary.rows()).containsExactly(Map.entry("account", 2L), Map.entry("image", 1L));
        assertThat(summary.imageFiles()).isEqualTo(new Moved(2, DISK.length + OTHER_DISK.length));
        assertThat(summary.exportedObjects()).isEqualTo(new Moved(1, MANIFEST.length));
        assertThat(installation.closed).isTrue();
    }

    @Test
    void aClusterNotConfiguredIsRefusedBeforeTheInstallationIsOpened() {
        seeded();
        cluster.missing = List.of("IMAGES_DB_URL", "IMAGES_S3_ENDPOINT");

        assertThatThrownBy(() -> service.migrate(DATA)).isInstanceOf(MigrationRefused.class)
                .hasMessageStartingWith("no cluster to move into: set IMAGES_DB_URL and IMAGES_S3_ENDPOINT");
        assertThat(installation.opened).isFalse();
        assertNothingMoved();
    }

    @Test
    void schemaVersionsThatDifferAreRefused() {
        seeded().version = "4";

        assertThatThrownBy(() -> service.migrate(DATA)).isInstanceOf(MigrationRefused.class)
                .hasMessageStartingWith(DATA + " has database schema version 4 and the cluster's database 5");
        assertNothingMoved();
        assertThat(installation.closed).isTrue();
    }

    @Test
    void aClusterDatabaseHoldingRowsIsRefused() {
        seeded();
        cluster.rows.put("account", List.<Object[]>of(new Object[] {"carol"}));

        assertThatThrownBy(() -> service.migrate(DATA)).isInstanceOf(MigrationRefused.class)
                .hasMessageStartingWith("the cluster's database is not empty (account: 1 rows)");
        assertThat(cluster.imageFiles).isEmpty();
        assertThat(cluster.rows).containsOnlyKeys("account");
    }

    @Test
    void anImageFileWhoseBytesAreNotItsAddressInsertsNoRow() {
        seeded().imageFiles.put(sha256(DISK), "bit rot".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> service.migrate(DATA)).isInstanceOf(MigrationRefused.class)
                .hasMessageContaining("image file " + sha256(DISK) + " is damaged in the installation");
        assertThat(cluster.rows).isEmpty();
    }

    @Test
    void anObjectShorterThanRecordedInsertsNoRow() {
        seeded().recordedSizes.put("alice/stor/base.imgmanifest", MANIFEST.length + 1L);

        assertThatThrownBy(() -> service.migrate(DATA)).isInstanceOf(MigrationRefused.class)
                .hasMessageContaining("exported object alice/stor/base.imgmanifest is damaged");
        assertThat(cluster.rows).isEmpty();
    }

    @Test
    void aStoreGivingBackOtherBytesInsertsNoRow() {
        seeded();
        cluster.readBack = bytes -> bytes.length == MANIFEST.length ? "{\"name\":\"bass\"}".getBytes(StandardCharsets.UTF_8)
                : bytes;

        assertThatThrownBy(() -> service.migrate(DATA)).isInstanceOf(MigrationRefused.class)
                .hasMessageContaining("gives back other bytes for exported object alice/stor/base.imgmanifest");
        assertThat(cluster.rows).isEmpty();
    }

    private void assertNothingMoved() {
        assertThat(cluster.imageFiles).isEmpty();
        assertThat(cluster.exports).isEmpty();
        assertThat(cluster.rows).isEmpty();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputStream read(Map<String, byte[]> objects, String key) {
        byte[] bytes = objects.get(key);
        if (bytes == null) {
            throw new UncheckedIOException(new IOException("no " + key));
        }
        return new ByteArrayInputStream(bytes);
    }

    private static void write(Map<String, byte[]> objects, String key, InputStream content) {
        try {
            objects.put(key, content.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An installation in memory, opened once per test. */
    static final class Installation implements EmbeddedInstallations, EmbeddedInstallations.Installation, TableRows {

        String version = "5";
        final Map<String, byte[]> imageFiles = new LinkedHashMap<>();
        final Map<String, byte[]> exports = new LinkedHashMap<>();
        /** Sizes recorded apart from the bytes, where a test makes them disagree. */
        final Map<String, Long> recordedSizes = new LinkedHashMap<>();
        final Map<String, List<Object[]>> rows = new LinkedHashMap<>();
        boolean opened;
        boolean closed;

        @Override
        public EmbeddedInstallations.Installation open(Path dataDir) {
            opened = true;
            return this;
        }

        @Override
        public String schemaVersion() {
            return version;
        }

        @Override
        public List<StoredEntry> imageFiles() {
            return entries(imageFiles);
        }

        @Override
        public InputStream openImageFile(String sha256) {
            return read(imageFiles, sha256);
        }

        @Override
        public List<StoredEntry> exportedObjects() {
            return entries(exports);
        }

        @Override
        public InputStream openExportedObject(String key) {
            return read(exports, key);
        }

        private List<StoredEntry> entries(Map<String, byte[]> objects) {
            return objects.entrySet().stream().map(o -> new StoredEntry(o.getKey(),
                    recordedSizes.getOrDefault(o.getKey(), (long) o.getValue().length))).toList();
        }

        @Override
        public TableRows rows() {
            return this;
        }

        @Override
        public Set<String> tables() {
            return rows.keySet();
        }

        @Override
        public void forEachRow(String table, List<String> columns, Consumer<Object[]> row) {
            rows.get(table).forEach(row);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** A configured, empty cluster in memory unless a test says otherwise. */
    static final class Cluster implements ClusterTarget {

        List<String> missing = List.of();
        final Map<String, byte[]> imageFiles = new LinkedHashMap<>();
        final Map<String, byte[]> exports = new LinkedHashMap<>();
        final Map<String, List<Object[]>> rows = new LinkedHashMap<>();
        UnaryOperator<byte[]> readBack = UnaryOperator.identity();

        @Override
        public List<String> missingSettings() {
            return missing;
        }

        @Override
        public String schemaVersion() {
            return "5";
        }

        @Override
        public Map<String, Long> storedRows() {
            Map<String, Long> stored = new LinkedHashMap<>();
            rows.forEach((table, all) -> stored.put(table, (long) all.size()));
            return stored;
        }

        @Override
        public void writeImageFile(String sha256, InputStream content) {
            write(imageFiles, sha256, content);
        }

        @Override
        public InputStream openImageFile(String sha256) {
            return new ByteArrayInputStream(readBack.apply(imageFiles.get(sha256)));
        }

        @Override
        public void writeExportedObject(String key, InputStream content) {
            write(exports, key, content);
        }

        @Override
        public InputStream openExportedObject(String key) {
            return new ByteArrayInputStream(readBack.apply(exports.get(key)));
        }

        @Override
        public Map<String, Long> insertRows(TableRows source) {
            Map<String, Long> inserted = new LinkedHashMap<>();
            for (String table : source.tables()) {
                List<Object[]> copied = new ArrayList<>();
                source.forEachRow(table, List.of("value"), copied::add);
                rows.put(table, copied);
                inserted.put(table, (long) copied.size());
            }
            return inserted;
        }
    }
}
