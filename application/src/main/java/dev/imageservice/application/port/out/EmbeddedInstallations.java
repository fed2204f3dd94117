package dev.imageservice.application.port.out;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/** Reads an embedded installation (the database file and the folders of a data folder) to move it elsewhere. */
public interface EmbeddedInstallations {

    /**
     * Opens the installation in {@code dataDir} for this process alone, so that nothing changes it
     * while it is read; it is only read. MigrationRefused when the folder holds none, or a server (or
     * an admin command) has it open.
     */
    Installation open(Path dataDir);

    interface Installation extends AutoCloseable {

        /** The version of the newest schema migration applied to its database. */
        String schemaVersion();

        /** The image files its database knows, each keyed by its SHA-256. */
        List<StoredEntry> imageFiles();

        /** UncheckedIOException when the file is missing or unreadable. */
        InputStream openImageFile(String sha256);

        /** Its exported objects, each keyed by its Manta path without the leading {@code /}. */
        List<StoredEntry> exportedObjects();

        InputStream openExportedObject(String key);

        /** Its database's rows. */
        TableRows rows();

        @Override
        void close();
    }

    /** An object listed with the size the installation records for it. */
    record StoredEntry(String key, long size) {
    }
}
