package dev.imageservice.bootstrap.jobs;

import dev.imageservice.application.port.in.ExpireImagePlaceholdersUseCase;
import dev.imageservice.application.port.in.RunImageJobsUseCase;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Works the durable job queue in-process: {@code workers} threads each look for claimable jobs every
 * poll interval (jobs queued through other instances, and ones whose worker died with a previous
 * process), and at once when this instance has queued one ({@link #wake}); placeholders that never
 * finish expire.
 */
@ApplicationScoped
public class ImageJobDriver {

    private static final Logger LOG = Logger.getLogger(ImageJobDriver.class);
    private static final Duration EXPIRY_INTERVAL = Duration.ofMinutes(1);
    /** The longest a worker waits between polls while the database is unavailable. */
    static final Duration UNAVAILABLE_POLL_MAX = Duration.ofSeconds(10);

    private final RunImageJobsUseCase jobs;
    private final ExpireImagePlaceholdersUseCase placeholders;
    private final ImageJobsConfig config;
    private ScheduledThreadPoolExecutor executor;
    private final List<ScheduledFuture<?>> workers = new CopyOnWriteArrayList<>();
    /** Wake-ups no worker has taken yet: a worker waits for one, or for its poll interval to pass. */
    private final Semaphore wakeups = new Semaphore(0);

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
        executor = new ScheduledThreadPoolExecutor(config.workers() + 1, JobThreads.named("image-job-driver-"));
        // A shutdown within the start delay waits for no worker that has not begun.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        long delay = config.startDelay().toMillis();
        for (int i = 0; i < config.workers(); i++) {
            workers.add(executor.schedule(this::work, delay, TimeUnit.MILLISECONDS));
        }
        executor.scheduleWithFixedDelay(this::expirePlaceholders, delay, EXPIRY_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Lets the running jobs finish, up to {@code images.jobs.shutdown-grace}, and claims no other: an
     * interrupted creation could fail its image, and a job could find the database closing under it.
     */
    void stop(@Observes ShutdownEvent shutdown) {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        wakeups.release(config.workers());
        try {
            if (!executor.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("image jobs still running after %s of shutdown are left to the next start", config.shutdownGrace());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Running while every worker thread works the queue: one that died (an Error escaped it) is not started again. */
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

    /**
     * A job was queued on this instance and committed: an idle worker looks for it now rather than at
     * its next poll. Only the worker threads run jobs, so a wake-up never runs more than {@code workers}
     * at once; when all are busy, one finds the job as it finishes its own.
     */
    void wake() {
        // A worker that takes a wake-up drains the whole queue: more wake-ups than workers would only
        // have them query an empty queue again. (Two racing callers may keep one more: harmless.)
        if (wakeups.availablePermits() < config.workers()) {
            wakeups.release();
        }
    }

    /**
     * One worker thread: drains the queue, then waits for a wake-up or the poll interval, until the
     * shutdown. While the database is unavailable it waits twice as long after each failed poll, up to
     * {@link #UNAVAILABLE_POLL_MAX}: an outage then costs a log line per worker every few seconds, not
     * several a second.
     */
    private void work() {
        long poll = config.pollInterval().toMillis();
        long wait = poll;
        try {
            while (!executor.isShutdown()) {
                wait = drainQueue() ? poll : Math.min(Math.max(2 * wait, poll), UNAVAILABLE_POLL_MAX.toMillis());
                wakeups.tryAcquire(wait, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            // Nothing here interrupts a worker (see stop); one interrupted anyway ends.
        }
    }

    /** Runs jobs until the queue has none to claim: false when the database was unavailable. */
    private boolean drainQueue() {
        try {
            while (!executor.isShutdown() && jobs.runNextJob()) {
                LOG.debug("image job finished");
            }
        } catch (RuntimeException e) {
            if (DomainException.hasCode(e, ErrorCode.SERVICE_UNAVAILABLE)) {
                // Logged where it was seen, with the reason and without a stack trace.
                return false;
            }
            LOG.warn("image job worker failed; retrying at the next poll", e);
        }
        return true;
    }

    private void expirePlaceholders() {
        try {
            int expired = placeholders.expirePlaceholders();
            if (expired > 0) {
                LOG.infof("expired %d image creations that did not finish in time", expired);
            }
        } catch (RuntimeException e) {
            // An unavailable database is logged where it was seen, as for the workers.
            if (!DomainException.hasCode(e, ErrorCode.SERVICE_UNAVAILABLE)) {
                LOG.warn("expiring image placeholders failed", e);
            }
        }
    }
}
