package dev.imageservice.bootstrap.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.domain.image.Compression;
import dev.imageservice.domain.job.ImageJob;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a job logs, on a clock the test moves: its start, its progress at most every
 * {@link JobTelemetry#PROGRESS_LOG_INTERVAL} however often it reports, and its end, each with job and image
 * id. ImageCreationTest sees the start and end lines of a real job.
 */
class JobTelemetryTest {

    private final MockClock clock = new MockClock();
    private final JobTelemetry telemetry = new JobTelemetry(new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock));
    private final ImageJob job = ImageJob.queued(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
            Compression.GZIP, Instant.now());

    @Test
    void aJobLogsItsStartItsProgressAtABoundedRateAndItsEnd() {
        try (LogCapture log = LogCapture.of(JobTelemetry.class)) {
            telemetry.started(job);
            for (int second = 1; second <= 25; second++) {
                clock.add(Duration.ofSeconds(1));
                for (int report = 0; report < 10; report++) {
                    telemetry.progressed(job, second * 10L + report, 1000);
                }
            }
            telemetry.finished(job, null, 1000, 400, Duration.ofSeconds(25));

            assertThat(log.lines()).hasSize(4).allMatch(line -> line.contains(job.id().toString())
                    && line.contains("image " + job.imageId()));
            assertThat(log.lines().get(0)).contains("image job " + job.id() + " started");
            assertThat(log.lines().get(1)).contains("100 of about 1000 disk bytes read");
            assertThat(log.lines().get(2)).contains("200 of about 1000 disk bytes read");
            assertThat(log.lines().get(3)).contains("image job " + job.id() + " succeeded", "1000 disk bytes read");
        }
    }
}
