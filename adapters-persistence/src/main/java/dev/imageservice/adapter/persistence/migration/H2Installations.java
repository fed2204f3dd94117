package dev.imageservice.adapter.persistence.migration;

import dev.imageservice.adapter.persistence.export.LocalExportObjects;
import dev.imageservice.adapter.persistence.files.LocalBlobStorage;
import dev.imageservice.application.port.in.MigrationRefused;
import dev.imageservice.application.port.out.EmbeddedInstallations;
import dev.imageservice.application.port.out.TableRows;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Embedded installations as the service lays them out in a data folder: the H2 file {@code db/images},
 * image files under {@code files/} and exports under {@code manta/}. The database is opened without
 * H2's automatic server mode, so the file lock is this process's alone: a server (or an admin command)
 * on the folder is told apart, and none can start on it while it is read.
 */
@ApplicationScoped
public class H2Installations implements EmbeddedInstallations {

    @Override
    public Installation open(Path dataDir) {
        Path database = dataDir.resolve("db").resolve("images");
        if (!Files.isRegularFile(database.resolveSibling("images.mv.db"))) {
            throw new MigrationRefused(dataDir + " holds no embedded installation (no db/images.mv.db in it)");
        }
        JdbcDataSource h2 = new JdbcDataSource();
        // IFEXISTS: never make a database where there is none.
        h2.setURL("jdbc:h2:file:" + database.toAbsolutePath() + ";IFEXISTS=TRUE");
        h2.setUser("sa");
        try {
            return new H2Installation(h2.getConnection(), dataDir);
        } catch (SQLException e) {
            if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                throw new MigrationRefused("the database in " + dataDir + " is in use: stop the server (or admin"
                        + " command) running on it, then run migrate again");
            }
            throw new IllegalStateException("cannot open the database in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static final class H2Installation implements Installation, TableRows {

        private final Connection connection;
        private final Path dataDir;
        private final LocalBlobStorage files;
        private final LocalExportObjects exports;
        private final DatabaseSchema schema;

        H2Installation(Connection connection, Path dataDir) throws SQLException {
            this.connection = connection;
            this.dataDir = dataDir;
            this.files = new LocalBlobStorage(dataDir.resolve("files"));
            this.exports = new LocalExportObjects(dataDir.resolve("manta"));
            try {
                this.schema = DatabaseSchema.of(connection);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        }

        @Override
        public String schemaVersion() {
            try {
                return schema.schemaVersion();
            } catch (SQLException e) {
                throw failure("reading the schema version", e);
            }
        }

        @Override
        public List<StoredEntry> imageFiles() {
            List<StoredEntry> entries = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet blobs = statement.executeQuery("select sha256, size from image_file_blob order by sha256")) {
                while (blobs.next()) {
                    entries.add(new StoredEntry(blobs.getString(1), blobs.getLong(2)));
                }
            } catch (SQLException e) {
                throw failure("listing the image files", e);
            }
            return entries;
        }

        @Override
        public InputStream openImageFile(String sha256) {
            try {
                InputStream content = files.open(sha256);
                if (content == null) {
                    throw new NoSuchFileException("image file " + sha256 + " is missing from " + dataDir.resolve("files"));
                }
                return content;
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }

        @Override
        public List<StoredEntry> exportedObjects() {
            try {
                return exports.sizes().entrySet().stream()
                        .map(object -> new StoredEntry(object.getKey(), object.getValue())).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }

        @Override
        public InputStream openExportedObject(String key) {
            try {
                return exports.open(key).orElseThrow(() -> new NoSuchFileException(
                        "exported object " + key + " is missing from " + dataDir.resolve("manta"))).stream();
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }

        @Override
        public TableRows rows() {
            return this;
        }

        @Override
        public Set<String> tables() {
            return schema.tables();
        }

        @Override
        public void forEachRow(String table, List<String> columns, Consumer<Object[]> row) {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(schema.select(table, columns))) {
                while (rows.next()) {
                    Object[] values = new Object[columns.size()];
                    for (int i = 0; i < values.length; i++) {
                        Object value = rows.getObject(i + 1);
                        // H2 hands a clob out as a handle on its file; the other side wants the text.
                        values[i] = value instanceof Clob ? rows.getString(i + 1) : value;
                    }
                    row.accept(values);
                }
            } catch (SQLException e) {
                throw failure("reading table " + table, e);
            }
        }

        @Override
        public void close() {
            try {
                connection.close();
            } catch (SQLException e) {
                throw failure("closing the database", e);
            }
        }

        private IllegalStateException failure(String what, SQLException e) {
            return new IllegalStateException(what + " of the installation in " + dataDir + " failed: " + e.getMessage(), e);
        }
    }
}
