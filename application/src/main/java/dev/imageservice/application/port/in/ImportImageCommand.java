package dev.imageservice.application.port.in;

import dev.imageservice.domain.image.ImgapiManifest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * @param manifest the manifest to import, read from its JSON by the caller
 * @param file     the image file, opened when the import reads it and closed by the import, or null to
 *                 import the manifest alone
 */
public record ImportImageCommand(ImgapiManifest manifest, FileOpener file) {

    public ImportImageCommand {
        Objects.requireNonNull(manifest, "manifest");
    }

    /**
     * Opens the image file's bytes. Opened only when they are read, so that a caller can hand over
     * many imports at once without holding every file open.
     */
    @FunctionalInterface
    public interface FileOpener {
        InputStream open() throws IOException;
    }
}
