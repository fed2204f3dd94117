package dev.imageservice.application.port.in;

import java.nio.file.Path;
import java.util.Map;

/**
 * Operator tool: moves an embedded installation (its database file and the image files and exports
 * in its data folder) into the cluster this process is configured for, which must be empty. Either
 * every row arrives, after every file and export was copied and checked, or none does; a run that
 * failed can be run again.
 */
public interface MigrateInstallationUseCase {

    /**
     * Moves the installation in {@code dataDir}; MigrationRefused, before anything is copied, when the
     * cluster is not configured or not empty, the installation is missing or in use, or the two
     * databases are at different schema versions.
     */
    MigrationSummary migrate(Path dataDir);

    /**
     * What was moved.
     *
     * @param rows rows inserted, by table, in the order they were inserted
     */
    record MigrationSummary(Map<String, Long> rows, Moved imageFiles, Moved exportedObjects) {
    }

    /** Objects copied into the cluster's store, each checked by SHA-256. */
    record Moved(int count, long bytes) {
    }
}
