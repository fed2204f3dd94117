package dev.imageservice.bootstrap.jobs;

import dev.imageservice.application.port.out.ImageCreationSettings;
import dev.imageservice.domain.image.Compression;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/** {@code images.jobs.*}: how image creation jobs are run. */
@ConfigMapping(prefix = "images.jobs")
public interface ImageJobsConfig {

    /** False in admin-command mode: a command never works the queue. */
    @WithDefault("true")
    boolean enabled();

    /** gzip, bzip2, xz or none. */
    @WithDefault("gzip")
    String compression();

    @WithDefault("30s")
    Duration lease();

    @WithDefault("3")
    int maxAttempts();

    @WithDefault("6h")
    Duration placeholderTtl();

    @WithDefault("250ms")
    Duration pollInterval();

    @WithDefault("2")
    int workers();

    class Producer {
        @Produces
        @Singleton
        ImageCreationSettings settings(ImageJobsConfig config) {
            return new ImageCreationSettings(Compression.of(config.compression()), config.lease(),
                    config.maxAttempts(), config.placeholderTtl());
        }
    }
}
