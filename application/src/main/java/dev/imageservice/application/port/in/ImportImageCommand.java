package dev.imageservice.application.port.in;

import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * @param manifest the manifest's JSON members as parsed values (String, Number, Boolean, List, Map or null)
 * @param file     the image file's bytes, or null to import the manifest alone; the caller closes it
 */
public record ImportImageCommand(Map<String, Object> manifest, InputStream file) {

    public ImportImageCommand {
        Objects.requireNonNull(manifest, "manifest");
        manifest = Collections.unmodifiableMap(new LinkedHashMap<>(manifest));
    }
}
