package dev.imageservice.application.port.in;

import dev.imageservice.domain.image.ImgapiManifest;
import java.io.InputStream;
import java.util.Objects;

/**
 * @param manifest the manifest to import, read from its JSON by the caller
 * @param file     the image file's bytes, or null to import the manifest alone; the caller closes it
 */
public record ImportImageCommand(ImgapiManifest manifest, InputStream file) {

    public ImportImageCommand {
        Objects.requireNonNull(manifest, "manifest");
    }
}
