package dev.imageservice.adapter.persistence.migration;

import dev.imageservice.adapter.persistence.DatabaseSelection;
import dev.imageservice.adapter.persistence.export.ExportObjects;
import dev.imageservice.adapter.persistence.files.BlobStorage;
import dev.imageservice.adapter.persistence.s3.S3Settings;
import dev.imageservice.application.port.in.MigrationRefused;
import dev.imageservice.application.port.out.ClusterTarget;
import dev.imageservice.application.port.out.TableRows;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The cluster this process is configured for: the PostgreSQL database {@code images.db.url} names and
 * the S3 store {@code images.s3.*} names, written through the same {@link BlobStorage} and
 * {@link ExportObjects} the service uses, so objects land where every instance looks for them. Rows go
 * in over one connection of the PostgreSQL pool in one local transaction (not a JTA one, whose timeout
 * a large installation could outlast).
 */
@ApplicationScoped
public class PostgresqlS3Cluster implements ClusterTarget {

    /** Rows sent to PostgreSQL per round trip. */
    private static final int BATCH = 500;

    private final Optional<String> databaseUrl;
    private final S3Settings s3;
    private final InjectableInstance<AgroalDataSource> postgresql;
    private final BlobStorage files;
    private final ExportObjects exports;

    @Inject
    PostgresqlS3Cluster(@ConfigProperty(name = "images.db.url") Optional<String> databaseUrl, S3Settings s3,
                        @DataSource(DatabaseSelection.POSTGRESQL) InjectableInstance<AgroalDataSource> postgresql,
                        BlobStorage files, ExportObjects exports) {
        this.databaseUrl = databaseUrl;
        this.s3 = s3;
        this.postgresql = postgresql;
        this.files = files;
        this.exports = exports;
    }

    @Override
    public List<String> missingSettings() {
        List<String> missing = new ArrayList<>();
        if (databaseUrl.filter(url -> !url.isBlank()).isEmpty()) {
            missing.add("IMAGES_DB_URL");
        }
        if (s3.endpoint().isEmpty()) {
            missing.add("IMAGES_S3_ENDPOINT");
        }
        return missing;
    }

    @Override
    public String schemaVersion() {
        try (Connection connection = connection()) {
            return DatabaseSchema.of(connection).schemaVersion();
        } catch (SQLException e) {
            throw failure("reading its schema version", e);
        }
    }

    @Override
    public Map<String, Long> storedRows() {
        try (Connection connection = connection()) {
            DatabaseSchema schema = DatabaseSchema.of(connection);
            Map<String, Long> stored = new LinkedHashMap<>();
            for (String table : schema.tables()) {
                long rows = schema.count(table);
                if (rows > 0) {
                    stored.put(table, rows);
                }
            }
            return stored;
        } catch (SQLException e) {
            throw failure("counting its rows", e);
        }
    }

    @Override
    public void writeImageFile(String sha256, InputStream content) {
        try (BlobStorage.Upload upload = files.begin()) {
            content.transferTo(upload.sink());
            upload.finish();
            upload.publish(sha256);
        } catch (IOException e) {
            throw new UncheckedIOException("copying image file " + sha256 + " into the cluster failed: " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream openImageFile(String sha256) {
        try {
            InputStream content = files.open(sha256);
            if (content == null) {
                throw new NoSuchFileException("image file " + sha256 + " is not in the cluster's store");
            }
            return content;
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public void writeExportedObject(String key, InputStream content) {
        try {
            exports.write(key, content::transferTo);
        } catch (IOException e) {
            throw new UncheckedIOException("copying exported object " + key + " into the cluster failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public InputStream openExportedObject(String key) {
        try {
            return exports.open(key).orElseThrow(() -> new NoSuchFileException(
                    "exported object " + key + " is not in the cluster's store")).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public Map<String, Long> insertRows(TableRows rows) {
        try (Connection connection = connection()) {
            DatabaseSchema schema = DatabaseSchema.of(connection);
            if (!schema.tables().equals(rows.tables())) {
                throw new MigrationRefused("the installation's tables " + rows.tables() + " are not the cluster's "
                        + schema.tables());
            }
            connection.setAutoCommit(false);
            try {
                Map<String, Long> inserted = new LinkedHashMap<>();
                for (String table : schema.insertionOrder()) {
                    inserted.put(table, insert(connection, schema, table, rows));
                }
                connection.commit();
                return inserted;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("inserting the rows (none was kept)", e);
        }
    }

    /** Inserts one table's rows in batches; the number inserted. */
    private static long insert(Connection connection, DatabaseSchema schema, String table, TableRows rows)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(schema.insert(table))) {
            long[] count = {0};
            try {
                rows.forEachRow(table, schema.columns(table), values -> {
                    try {
                        for (int i = 0; i < values.length; i++) {
                            insert.setObject(i + 1, values[i]);
                        }
                        insert.addBatch();
                        if (++count[0] % BATCH == 0) {
                            insert.executeBatch();
                        }
                    } catch (SQLException e) {
                        throw new BatchFailure(e);
                    }
                });
            } catch (BatchFailure e) {
                throw e.getCause();
            }
            insert.executeBatch();
            return count[0];
        }
    }

    private Connection connection() throws SQLException {
        return postgresql.get().getConnection();
    }

    private static IllegalStateException failure(String what, SQLException e) {
        SQLException reason = e.getNextException() != null ? e.getNextException() : e;
        return new IllegalStateException("the cluster's database failed " + what + ": " + reason.getMessage(), e);
    }

    /** Carries a statement's failure out of the row callback. */
    private static final class BatchFailure extends RuntimeException {
        BatchFailure(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
