package dev.imageservice.adapter.persistence.export;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The export store contract on the data folder's Manta tree. */
@QuarkusTest
class LocalExportStoreTest extends ExportStoreContract {

    @ConfigProperty(name = "images.data-dir")
    Path dataDir;

    @Override
    protected long unfinishedWrites() throws IOException {
        Path root = dataDir.resolve("manta");
        if (!Files.exists(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.getFileName().toString().startsWith(".incoming-")).count();
        }
    }
}
