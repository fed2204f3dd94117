package dev.imageservice.bootstrap.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Everything the service keeps, as one comparable value: every account and key, the images,
 * ACLs, jobs and machines of the given owners (other test classes' background jobs may still move
 * theirs), and every file under the image store and the export tree with its size and time.
 */
@ApplicationScoped
public class StoredState {

    /** Looked up when used: a direct injection would make the H2 datasource start even where PostgreSQL replaces it. */
    @Inject
    InjectableInstance<AgroalDataSource> dataSource;

    @ConfigProperty(name = "images.data-dir")
    Path dataDir;

    /** The state of the given owners now, to compare later states with. */
    public Baseline baseline(Collection<UUID> owners) {
        return new Baseline(owners, snapshot(owners));
    }

    /**
     * A state to compare with, once per group of cases, which keeps a corpus run short: a group that
     * changed something names the rows and files, and each comparison makes the state it saw the next
     * baseline, so that every group is judged on its own.
     */
    public final class Baseline {

        private final Collection<UUID> owners;
        private List<String> before;

        private Baseline(Collection<UUID> owners, List<String> before) {
            this.owners = owners;
            this.before = before;
        }

        /** Fails naming {@code step} when anything stored differs from the baseline. */
        public void assertUnchangedBy(String step) {
            List<String> after = snapshot(owners);
            List<String> gone = before.stream().filter(line -> !after.contains(line)).toList();
            List<String> added = after.stream().filter(line -> !before.contains(line)).toList();
            before = after;
            assertThat(gone).as("stored before the group " + step + ", changed or gone after it").isEmpty();
            assertThat(added).as("stored after the group " + step + ", new or changed").isEmpty();
        }
    }

    /** The state now, one line per row or file, sorted. */
    public List<String> snapshot(Collection<UUID> owners) {
        String ids = owners.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
        List<String> lines = new ArrayList<>();
        lines.addAll(rows("select * from account"));
        lines.addAll(rows("select * from account_key"));
        lines.addAll(rows("select * from image where owner_id in (" + ids + ")"));
        lines.addAll(rows("select a.* from image_acl a join image i on i.id = a.image_id where i.owner_id in (" + ids + ")"));
        lines.addAll(rows("select j.* from image_job j join image i on i.id = j.image_id where i.owner_id in (" + ids + ")"));
        lines.addAll(rows("select * from machine where owner_id in (" + ids + ")"));
        lines.addAll(files(dataDir.resolve("manta")));
        lines.addAll(files(dataDir.resolve("files")).stream().filter(line -> !line.startsWith("file tmp")).toList());
        lines.sort(null);
        return lines;
    }

    private List<String> rows(String sql) {
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.get().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet result = statement.executeQuery()) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                TreeMap<String, String> row = new TreeMap<>();
                for (int i = 1; i <= columns; i++) {
                    row.put(result.getMetaData().getColumnName(i), result.getString(i));
                }
                rows.add(sql.substring(sql.indexOf(" from ")) + " " + row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return rows;
    }

    private static List<String> files(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(file -> {
                try {
                    return "file " + root.relativize(file) + " " + Files.size(file) + " " + Files.getLastModifiedTime(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
