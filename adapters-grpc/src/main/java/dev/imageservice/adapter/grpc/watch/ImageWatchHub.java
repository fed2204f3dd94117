package dev.imageservice.adapter.grpc.watch;

import dev.imageservice.application.port.out.ImageEvents;
import dev.imageservice.domain.image.Image;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/** Hands the application's image state changes to whoever watches that image. */
@ApplicationScoped
public class ImageWatchHub implements ImageEvents {

    private final Map<UUID, Set<Consumer<Image>>> watchers = new ConcurrentHashMap<>();

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
