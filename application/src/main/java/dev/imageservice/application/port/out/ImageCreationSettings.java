package dev.imageservice.application.port.out;

import dev.imageservice.domain.image.Compression;
import java.time.Duration;
import java.util.Objects;

/**
 * How image creation jobs run.
 *
 * @param compression    how new image files are compressed
 * @param lease          how long a claimed job stays its worker's without a heartbeat
 * @param maxAttempts    how many times an interrupted job is started before it fails
 * @param placeholderTtl how long a creation may take before its placeholder expires
 */
public record ImageCreationSettings(Compression compression, Duration lease, int maxAttempts, Duration placeholderTtl) {

    public ImageCreationSettings {
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(placeholderTtl, "placeholderTtl");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }
}
