package dev.imageservice.adapter.persistence.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.adapter.persistence.Tx;
import dev.imageservice.application.port.out.ImageJobs;
import dev.imageservice.domain.image.Compression;
import dev.imageservice.domain.job.ImageJob;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The job queue's claim query, as the workers of several instances use it at once. */
@QuarkusTest
class DatabaseImageJobsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Inject
    ImageJobs jobs;

    @BeforeEach
    void empty() {
        Tx.deleteAll(ImageJobEntity.class);
    }

    private ImageJob queued(Instant created) {
        ImageJob job = ImageJob.queued(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), Compression.of("gzip"),
                created);
        Tx.run(() -> jobs.add(job));
        return job;
    }

    @Test
    void theOldestClaimableJobComesFirst() {
        ImageJob older = queued(NOW.minusSeconds(20));
        queued(NOW.minusSeconds(10));

        assertThat(Tx.call(() -> jobs.lockNextClaimable(NOW)).map(ImageJob::id)).contains(older.id());
    }

    /**
     * What a worker finds while another holds the oldest job locked. H2 applies the row limit before
     * it skips locked rows: nothing, and the worker polls again. PostgreSQL: the next job.
     */
    Optional<UUID> nextWhileTheOldestIsLocked(ImageJob next) {
        return Optional.empty();
    }

    /** An idle worker never waits behind a job another worker is claiming. */
    @Test
    void aJobLockedByAnotherWorkerIsSkipped() throws Exception {
        ImageJob first = queued(NOW.minusSeconds(20));
        ImageJob second = queued(NOW.minusSeconds(10));
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Optional<ImageJob>> holder = CompletableFuture.supplyAsync(() -> Tx.call(() -> {
            Optional<ImageJob> claimed = jobs.lockNextClaimable(NOW);
            locked.countDown();
            await(release);
            return claimed;
        }));
        try {
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            Optional<ImageJob> other = Tx.call(() -> jobs.lockNextClaimable(NOW));

            assertThat(other.map(ImageJob::id)).isEqualTo(nextWhileTheOldestIsLocked(second));
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(900);
        } finally {
            release.countDown();
        }
        assertThat(holder.get(10, TimeUnit.SECONDS).map(ImageJob::id)).contains(first.id());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
