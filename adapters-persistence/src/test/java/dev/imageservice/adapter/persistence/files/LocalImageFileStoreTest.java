package dev.imageservice.adapter.persistence.files;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The file store contract on the data folder (no {@code images.s3.endpoint}). */
@QuarkusTest
class LocalImageFileStoreTest extends ImageFileStoreContract {

    @ConfigProperty(name = "images.data-dir")
    Path dataDir;

    @Override
    protected long heldObjects() throws IOException {
        return count(dataDir.resolve("files/sha256"));
    }

    @Override
    protected long stagedUploads() throws IOException {
        return count(dataDir.resolve("files/tmp"));
    }

    private static long count(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
