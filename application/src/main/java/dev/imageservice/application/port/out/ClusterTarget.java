package dev.imageservice.application.port.out;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/** The cluster an installation moves into: its shared database and object store. */
public interface ClusterTarget {

    /** The settings naming the cluster that are not set (IMAGES_DB_URL, IMAGES_S3_ENDPOINT); empty when it is configured. */
    List<String> missingSettings();

    /** The version of the newest schema migration applied to its database. */
    String schemaVersion();

    /** Rows stored, by table, for the tables that hold any: empty for an empty database. */
    Map<String, Long> storedRows();

    /** Stores an image file's bytes under its SHA-256, replacing what is there. */
    void writeImageFile(String sha256, InputStream content);

    InputStream openImageFile(String sha256);

    /** Stores an exported object under its key, replacing what is there. */
    void writeExportedObject(String key, InputStream content);

    InputStream openExportedObject(String key);

    /**
     * Inserts every row of {@code rows} in one transaction: all of them, or, on any failure, none.
     * MigrationRefused when the two databases' tables differ.
     *
     * @return rows inserted by table, in the order inserted
     */
    Map<String, Long> insertRows(TableRows rows);
}
