package dev.imageservice.adapter.grpc.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The hub's reads of watched images, on its own poller thread, against use cases that fail as told. */
class ImageWatchHubTest {

    private static final int WATCHES = 3;

    /**
     * While the database is unavailable the watches' reads pause, longer after each failed one: over
     * 4.5 s three watches read about 3 times instead of 12. Once it is back they read again.
     */
    @Test
    void whileTheDatabaseIsUnavailableTheWatchesReadLessAndLess() throws Exception {
        AtomicBoolean unavailable = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        ImageWatchHub hub = new ImageWatchHub(imageId -> {
            reads.incrementAndGet();
            if (unavailable.get()) {
                throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "the database is busy or cannot be reached");
            }
            return Optional.empty();
        }, imageId -> Optional.empty());
        List<AutoCloseable> watches = new ArrayList<>();
        try {
            for (int i = 0; i < WATCHES; i++) {
                watches.add(hub.poll(UUID.randomUUID(), image -> { }, job -> { }));
            }
            Thread.sleep(4500);
            assertThat(reads.get()).as("reads of %d watches in 4.5 s of outage", WATCHES).isBetween(1, 2 * WATCHES);

            unavailable.set(false);
            int before = reads.get();
            // At most the longest pause and a poll: every watch has read again by then.
            long deadline = System.nanoTime() + ImageWatchHub.UNAVAILABLE_PAUSE_MAX.plus(ImageWatchHub.POLL.multipliedBy(2)).toNanos();
            while (reads.get() - before < WATCHES && System.nanoTime() - deadline < 0) {
                Thread.sleep(50);
            }
            assertThat(reads.get() - before).as("reads once the database is back").isGreaterThanOrEqualTo(WATCHES);
        } finally {
            for (AutoCloseable watch : watches) {
                watch.close();
            }
            hub.stop();
        }
    }
}
