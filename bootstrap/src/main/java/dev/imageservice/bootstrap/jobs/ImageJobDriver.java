package dev.imageservice.bootstrap.jobs;

import dev.imageservice.application.port.in.ExpireImagePlaceholdersUseCase;
import dev.imageservice.application.port.in.RunImageJobsUseCase;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Works the durable job queue in-process: a few threads poll for claimable jobs (new ones, and
 * ones whose worker died with a previous process), and placeholders that never finish expire.
 */
@ApplicationScoped
public class ImageJobDriver {

    private static final Logger LOG = Logger.getLogger(ImageJobDriver.class);
    private static final Duration EXPIRY_INTERVAL = Duration.ofMinutes(1);

    private final RunImageJobsUseCase jobs;
    private final ExpireImagePlaceholdersUseCase placeholders;
    private final ImageJobsConfig config;
    private ScheduledExecutorService executor;
    private final List<ScheduledFuture<?>> workers = new CopyOnWriteArrayList<>();

    /** What the readiness check reports. */
    public enum Status { RUNNING, DISABLED, STOPPED }

    @Inject
    public ImageJobDriver(RunImageJobsUseCase jobs, ExpireImagePlaceholdersUseCase placeholders, ImageJobsConfig config) {
        this.jobs = jobs;
        this.placeholders = placeholders;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        if (!config.enabled()) {
            return;
        }
        executor = Executors.newScheduledThreadPool(config.workers() + 1, JobThreads.named("image-job-driver-"));
        long poll = config.pollInterval().toMillis();
        long delay = config.startDelay().toMillis();
        for (int i = 0; i < config.workers(); i++) {
            workers.add(executor.scheduleWithFixedDelay(this::drainQueue, delay, poll, TimeUnit.MILLISECONDS));
        }
        executor.scheduleWithFixedDelay(this::expirePlaceholders, delay, EXPIRY_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** Running while every worker is scheduled: a task that died (an Error escaped it) is never run again. */
    public Status status() {
        if (!config.enabled()) {
            return Status.DISABLED;
        }
        boolean running = executor != null && !executor.isShutdown() && !workers.isEmpty()
                && workers.stream().noneMatch(ScheduledFuture::isDone);
        return running ? Status.RUNNING : Status.STOPPED;
    }

    public int workers() {
        return config.workers();
    }

    private void drainQueue() {
        try {
            while (!Thread.currentThread().isInterrupted() && jobs.runNextJob()) {
                LOG.debug("image job finished");
            }
        } catch (RuntimeException e) {
            LOG.warn("image job worker failed; retrying at the next poll", e);
        }
    }

    private void expirePlaceholders() {
        try {
            int expired = placeholders.expirePlaceholders();
            if (expired > 0) {
                LOG.infof("expired %d image creations that did not finish in time", expired);
            }
        } catch (RuntimeException e) {
            LOG.warn("expiring image placeholders failed", e);
        }
    }
}
