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

    /**
     * How long after the start the workers first look for jobs: the start and the first requests
     * have the CPU to themselves meanwhile (the queue's first queries would otherwise compile and run
     * beside them on a small machine). A job waits at most this much longer once, after a restart.
     */
    @WithDefault("5s")
    Duration startDelay();

    /**
     * How long a shutdown waits for the jobs running then to finish: one stopped mid-way would fail its
     * image. A job still running after it is left to the next start, which runs it again once its lease
     * has expired, as after a crash.
     */
    @WithDefault("10s")
    Duration shutdownGrace();

    class Producer {
        @Produces
        @Singleton
        ImageCreationSettings settings(ImageJobsConfig config) {
            return new ImageCreationSettings(Compression.of(config.compression()), config.lease(),
                    config.maxAttempts(), config.placeholderTtl());
        }
    }
}
