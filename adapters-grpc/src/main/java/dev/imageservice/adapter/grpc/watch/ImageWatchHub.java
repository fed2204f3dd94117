package dev.imageservice.adapter.grpc.watch;

import dev.imageservice.application.port.in.GetCreationProgressUseCase;
import dev.imageservice.application.port.out.ImageEvents;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.job.ImageJob;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Hands the application's image state changes to whoever watches that image, and reads the
 * progress of creations being watched once a second (from the job's record, so a job another
 * instance runs shows too), on one thread of its own.
 */
@ApplicationScoped
public class ImageWatchHub implements ImageEvents {

    static final Duration PROGRESS_POLL = Duration.ofSeconds(1);

    private static final Logger LOG = Logger.getLogger(ImageWatchHub.class);

    private final Map<UUID, Set<Consumer<Image>>> watchers = new ConcurrentHashMap<>();
    private final GetCreationProgressUseCase progress;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "image-watch-progress");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    public ImageWatchHub(GetCreationProgressUseCase progress) {
        this.progress = progress;
    }

    /** Reads the image's creation job every {@link #PROGRESS_POLL} until the returned handle is closed. */
    AutoCloseable pollProgress(UUID imageId, Consumer<ImageJob> listener) {
        long millis = PROGRESS_POLL.toMillis();
        ScheduledFuture<?> polling = poller.scheduleWithFixedDelay(() -> {
            try {
                progress.creationJob(imageId).ifPresent(listener);
            } catch (RuntimeException e) {
                // The next poll tries again; a watch must not end over a missed progress read.
                LOG.debugf(e, "reading the progress of image %s failed", imageId);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
        return () -> polling.cancel(false);
    }

    @PreDestroy
    void stop() {
        poller.shutdownNow();
    }

    @Override
    public void stateChanged(Image image) {
        watchers.getOrDefault(image.id(), Set.of()).forEach(watcher -> watcher.accept(image));
    }

    /** Starts delivering changes of one image; closing the returned handle stops it and frees it. */
    public AutoCloseable watch(UUID imageId, Consumer<Image> watcher) {
        watchers.computeIfAbsent(imageId, id -> new CopyOnWriteArraySet<>()).add(watcher);
        return () -> watchers.computeIfPresent(imageId, (id, set) -> {
            set.remove(watcher);
            return set.isEmpty() ? null : set;
        });
    }

    /** How many images are being watched: lets tests see that cancelled watches are freed. */
    public int watchedImages() {
        return watchers.size();
    }
}
