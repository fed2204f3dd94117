package dev.imageservice.bootstrap.jobs;

import dev.imageservice.application.port.out.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The background threads of image jobs: job heartbeats run here, on named threads that start with
 * the application and stop with it.
 */
@ApplicationScoped
public class JobThreads implements TaskScheduler {

    private static final Logger LOG = Logger.getLogger(JobThreads.class);

    private final ScheduledExecutorService heartbeats =
            Executors.newSingleThreadScheduledExecutor(named("image-job-heartbeat-"));

    @Override
    public Repeating every(Duration period, Runnable task) {
        long millis = period.toMillis();
        ScheduledFuture<?> scheduled = heartbeats.scheduleAtFixedRate(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // A missed heartbeat is retried at the next period; an escaping exception would end them all.
                LOG.warn("a background job task failed; it runs again at its next period", e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
        return () -> scheduled.cancel(false);
    }

    @PreDestroy
    void stop() {
        heartbeats.shutdownNow();
    }

    /** Daemon threads named {@code prefix1}, {@code prefix2}, ...: a stuck one shows in a thread dump by its purpose. */
    static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
