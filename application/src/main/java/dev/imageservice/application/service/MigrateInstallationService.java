package dev.imageservice.application.service;

import dev.imageservice.application.port.in.MigrateInstallationUseCase;
import dev.imageservice.application.port.in.MigrationRefused;
import dev.imageservice.application.port.out.ClusterTarget;
import dev.imageservice.application.port.out.EmbeddedInstallations;
import dev.imageservice.application.port.out.EmbeddedInstallations.Installation;
import dev.imageservice.application.port.out.EmbeddedInstallations.StoredEntry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Moves an embedded installation into an empty cluster: the refusals first, then every image file
 * and exported object, each read back from the cluster's store and compared by SHA-256 with the
 * bytes the installation holds, and only then every row, in one transaction. A failure before the
 * rows leaves the cluster's database empty (objects already copied are written again by the next
 * run), so a failed run can simply be run again.
 */
@Singleton
class MigrateInstallationService implements MigrateInstallationUseCase {

    private final EmbeddedInstallations installations;
    private final ClusterTarget cluster;

    @Inject
    MigrateInstallationService(EmbeddedInstallations installations, ClusterTarget cluster) {
        this.installations = installations;
        this.cluster = cluster;
    }

    @Override
    public MigrationSummary migrate(Path dataDir) {
        List<String> missing = cluster.missingSettings();
        if (!missing.isEmpty()) {
            throw new MigrationRefused("no cluster to move into: set " + String.join(" and ", missing)
                    + " (with the settings that go with them) to the cluster's database and object store");
        }
        try (Installation source = installations.open(dataDir)) {
            String from = source.schemaVersion();
            String to = cluster.schemaVersion();
            if (!from.equals(to)) {
                throw new MigrationRefused(dataDir + " has database schema version " + from + " and the cluster's"
                        + " database " + to + ": both must be made by the same release (a start of the embedded"
                        + " installation with this release's jar upgrades its database)");
            }
            Map<String, Long> stored = cluster.storedRows();
            if (!stored.isEmpty()) {
                throw new MigrationRefused("the cluster's database is not empty (" + stored.entrySet().stream()
                        .map(table -> table.getKey() + ": " + table.getValue() + " rows").collect(Collectors.joining(", "))
                        + "): an installation moves into an empty database only");
            }
            Moved files = copy("image file", source.imageFiles(), source::openImageFile, cluster::writeImageFile,
                    cluster::openImageFile, true);
            Moved exports = copy("exported object", source.exportedObjects(), source::openExportedObject,
                    cluster::writeExportedObject, cluster::openExportedObject, false);
            return new MigrationSummary(cluster.insertRows(source.rows()), files, exports);
        }
    }

    /**
     * Copies each object and reads it back. {@code contentAddressed}: the key is the SHA-256 the
     * bytes must have, so a damaged file in the installation is caught too.
     */
    private static Moved copy(String what, List<StoredEntry> entries, Function<String, InputStream> open,
                              BiConsumer<String, InputStream> write, Function<String, InputStream> openCopy,
                              boolean contentAddressed) {
        long bytes = 0;
        for (StoredEntry entry : entries) {
            Digest read;
            try (Digesting in = new Digesting(open.apply(entry.key()))) {
                write.accept(entry.key(), in);
                read = in.digest();
            }
            if (read.size() != entry.size() || contentAddressed && !read.sha256().equals(entry.key())) {
                throw new MigrationRefused(what + " " + entry.key() + " is damaged in the installation: " + read
                        + " where " + entry.size() + " bytes" + (contentAddressed ? " with that SHA-256" : "")
                        + " were recorded; nothing was inserted");
            }
            Digest copied;
            try (Digesting in = new Digesting(openCopy.apply(entry.key()))) {
                in.transferTo(OutputStream.nullOutputStream());
                copied = in.digest();
            } catch (IOException e) {
                throw new UncheckedIOException("reading back " + what + " " + entry.key() + " failed: " + e.getMessage(), e);
            }
            if (!copied.equals(read)) {
                throw new MigrationRefused("the cluster's object store gives back other bytes for " + what + " "
                        + entry.key() + " (" + copied + ") than were written (" + read + "); nothing was inserted");
            }
            bytes += read.size();
        }
        return new Moved(entries.size(), bytes);
    }

    private record Digest(String sha256, long size) {
        @Override
        public String toString() {
            return size + " bytes with SHA-256 " + sha256;
        }
    }

    /** Digests and counts the bytes read through it. */
    private static final class Digesting extends FilterInputStream {

        private final MessageDigest sha256;
        private long size;

        Digesting(InputStream in) {
            super(in);
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                sha256.update((byte) b);
                size++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                sha256.update(buffer, offset, n);
                size += n;
            }
            return n;
        }

        /** Every byte must pass through {@link #read}: no skipping, no rereading. */
        @Override
        public long skip(long n) {
            throw new UnsupportedOperationException("every byte is digested");
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public void close() {
            try {
                super.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }

        Digest digest() {
            return new Digest(HexFormat.of().formatHex(sha256.digest()), size);
        }
    }
}
