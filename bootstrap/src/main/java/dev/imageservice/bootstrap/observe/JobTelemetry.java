package dev.imageservice.bootstrap.observe;

import dev.imageservice.application.port.out.ImageJobMonitor;
import dev.imageservice.domain.job.ImageJob;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Logs each image job's start, its progress at most every {@link #PROGRESS_LOG_INTERVAL}, and its
 * end, always with the job id and the image id; counts jobs by outcome, jobs taken up again after
 * their worker died, and times them. How many jobs wait or run is read from the database
 * ({@link InventoryGauges}), so that it holds for every instance on it.
 */
@ApplicationScoped
public class JobTelemetry implements ImageJobMonitor {

    static final Duration PROGRESS_LOG_INTERVAL = Duration.ofSeconds(10);

    private static final Logger LOG = Logger.getLogger(JobTelemetry.class);

    private final MeterRegistry registry;
    private final Counter retried;
    /** When each running job last logged its progress (the registry clock's monotonic time, which tests can move). */
    private final Map<UUID, Long> lastProgressLog = new ConcurrentHashMap<>();

    @Inject
    public JobTelemetry(MeterRegistry registry) {
        this.registry = registry;
        this.retried = Counter.builder("images.jobs.retried")
                .description("Image jobs taken up again after their worker died").register(registry);
        // Both outcomes are there from the start, at 0.
        for (String outcome : new String[] {"succeeded", "failed"}) {
            finished(outcome);
            duration(outcome);
        }
    }

    private Counter finished(String outcome) {
        return Counter.builder("images.jobs.finished").description("Image jobs ended, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    private Timer duration(String outcome) {
        return Timer.builder("images.jobs.duration").description("Seconds per image job, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    @Override
    public void started(ImageJob job) {
        if (job.attempts() > 1) {
            retried.increment();
        }
        lastProgressLog.put(job.id(), registry.config().clock().monotonicTime());
        LOG.infof("image job %s started: image %s from machine %s, attempt %d", job.id(), job.imageId(),
                job.machineId(), job.attempts());
    }

    @Override
    public void progressed(ImageJob job, long bytesDone, long bytesTotal) {
        long now = registry.config().clock().monotonicTime();
        Long last = lastProgressLog.get(job.id());
        if (last != null && now - last < PROGRESS_LOG_INTERVAL.toNanos()) {
            return;
        }
        lastProgressLog.put(job.id(), now);
        LOG.infof("image job %s: image %s, %d of about %d disk bytes read", job.id(), job.imageId(), bytesDone,
                bytesTotal);
    }

    @Override
    public void crashed(ImageJob job, RuntimeException fault) {
        LOG.errorf(fault, "image job %s (image %s) failed unexpectedly", job.id(), job.imageId());
    }

    @Override
    public void finished(ImageJob job, String error, long bytesRead, long bytesWritten, Duration took) {
        lastProgressLog.remove(job.id());
        String outcome = error == null ? "succeeded" : "failed";
        finished(outcome).increment();
        duration(outcome).record(took);
        if (error == null) {
            LOG.infof("image job %s succeeded: image %s, %d disk bytes read, %d bytes stored, %d ms", job.id(),
                    job.imageId(), bytesRead, bytesWritten, took.toMillis());
        } else {
            LOG.warnf("image job %s failed: image %s, %s, after %d ms", job.id(), job.imageId(), error, took.toMillis());
        }
    }
}
