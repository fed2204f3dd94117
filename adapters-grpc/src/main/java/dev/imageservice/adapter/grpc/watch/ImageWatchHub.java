package dev.imageservice.adapter.grpc.watch;

import dev.imageservice.application.port.in.GetCreationProgressUseCase;
import dev.imageservice.application.port.in.GetStoredImageUseCase;
import dev.imageservice.application.port.out.ImageEvents;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageState;
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
 * Hands the application's image state changes to whoever watches that image. Changes made by other
 * instances sharing the database raise no event here: each watched image is read once a second
 * (and, while creating, its job's recorded progress), on one thread of its own, so a watch sees
 * them within about a second. While the database is unavailable, the reads of all watches pause,
 * twice as long after each failed read, up to {@link #UNAVAILABLE_PAUSE_MAX}: an outage then costs a
 * read (and its log line) every few seconds, not one per watch every second.
 */
@ApplicationScoped
public class ImageWatchHub implements ImageEvents {

    static final Duration POLL = Duration.ofSeconds(1);
    static final Duration UNAVAILABLE_PAUSE_MAX = Duration.ofSeconds(10);

    private static final Logger LOG = Logger.getLogger(ImageWatchHub.class);

    private final Map<UUID, Set<Consumer<Image>>> watchers = new ConcurrentHashMap<>();
    private final GetStoredImageUseCase stored;
    private final GetCreationProgressUseCase progress;
    /** Read and written on the poller's one thread only. */
    private long pausedUntilNanos = System.nanoTime();
    private long pauseNanos;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "image-watch-progress");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    public ImageWatchHub(GetStoredImageUseCase stored, GetCreationProgressUseCase progress) {
        this.stored = stored;
        this.progress = progress;
    }

    /**
     * Reads the image, and its creation job while it is creating, every {@link #POLL} until the
     * returned handle is closed.
     */
    AutoCloseable poll(UUID imageId, Consumer<Image> imageListener, Consumer<ImageJob> jobListener) {
        long millis = POLL.toMillis();
        ScheduledFuture<?> polling = poller.scheduleWithFixedDelay(() -> {
            if (System.nanoTime() - pausedUntilNanos < 0) {
                return;
            }
            try {
                stored.storedImage(imageId).ifPresent(image -> {
                    imageListener.accept(image);
                    if (image.state() == ImageState.CREATING) {
                        progress.creationJob(imageId).ifPresent(jobListener);
                    }
                });
                pauseNanos = 0;
            } catch (RuntimeException e) {
                // The next poll tries again (a watch must not end over a missed read), after a pause if
                // the database was unavailable: that is logged where it was seen, with the reason.
                if (DomainException.hasCode(e, ErrorCode.SERVICE_UNAVAILABLE)) {
                    pauseNanos = Math.min(Math.max(2 * pauseNanos, POLL.toNanos()), UNAVAILABLE_PAUSE_MAX.toNanos());
                    pausedUntilNanos = System.nanoTime() + pauseNanos;
                } else {
                    LOG.debugf(e, "reading image %s for its watchers failed", imageId);
                }
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
