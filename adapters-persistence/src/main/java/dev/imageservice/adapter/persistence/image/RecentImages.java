package dev.imageservice.adapter.persistence.image;

import dev.imageservice.domain.image.Image;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Images read outside any transaction, kept for at most a maximum age so that repeated GetImages of
 * one image read the database once per age rather than once per request.
 *
 * <p>Two rules bound what it serves. Another instance's (or an admin command's) change is seen once
 * the entry expires, so at most the maximum age after its commit: the age counts from before the read.
 * A change made here is {@linkplain #forget forgotten} when it commits, and a read that was under way
 * while any change committed is not kept, since it may have read the row before the change.
 */
final class RecentImages {

    /** Far more images than are read within one age; past it, all go (they would expire within the age anyway). */
    static final int MAX_ENTRIES = 4_096;

    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<UUID, Entry> byId = new ConcurrentHashMap<>();
    /** Counts forgets: a read that saw it move may have read a row a change had already replaced. */
    private final AtomicLong changes = new AtomicLong();

    RecentImages(Duration maxAge, LongSupplier nanoTime) {
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = nanoTime;
    }

    /** The image as read at most the maximum age ago, reading it with {@code read} when there is none. */
    Optional<Image> find(UUID id, Supplier<Optional<Image>> read) {
        long now = nanoTime.getAsLong();
        Entry entry = byId.get(id);
        if (entry != null && now - entry.readAt() < maxAgeNanos) {
            return Optional.of(entry.image().copy());
        }
        long changesBefore = changes.get();
        Optional<Image> image = read.get();
        // Absent images are not kept: a burst of unknown ids would only crowd out known ones.
        image.ifPresent(found -> {
            if (byId.size() >= MAX_ENTRIES) {
                byId.clear();
            }
            // Checked under the entry's lock, so a forget either happens before (and is seen) or removes this entry after.
            byId.compute(id, (key, previous) -> changes.get() == changesBefore ? new Entry(found.copy(), now) : previous);
        });
        return image;
    }

    /** Drops the image, and keeps no read that was under way: call it when a change to the image commits. */
    void forget(UUID id) {
        changes.incrementAndGet();
        byId.remove(id);
    }

    private record Entry(Image image, long readAt) {
    }
}
