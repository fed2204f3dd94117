package dev.imageservice.bootstrap.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.application.port.in.RunImageJobsUseCase;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The workers first look for jobs {@code images.jobs.start-delay} after the start, then every poll interval,
 * and at once when woken; never more than {@code images.jobs.workers} jobs run at a time.
 */
class ImageJobDriverTest {

    private static final int WORKERS = 2;
    /** Longer than any test here waits: a job these tests see run was not found by a poll. */
    private static final Duration NO_POLL = Duration.ofSeconds(60);

    @Test
    void theWorkersBeginAfterTheStartDelay() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        AtomicInteger expiries = new AtomicInteger();
        CountDownLatch polled = new CountDownLatch(4);
        CountDownLatch expired = new CountDownLatch(1);
        ImageJobDriver driver = new ImageJobDriver(() -> {
            polls.incrementAndGet();
            polled.countDown();
            return false;
        }, () -> {
            expiries.incrementAndGet();
            expired.countDown();
            return 0;
        }, config(Duration.ofMillis(500), Duration.ofMillis(10)));

        long started = System.nanoTime();
        driver.start(null);
        try {
            Thread.sleep(200);
            if (System.nanoTime() - started < Duration.ofMillis(500).toNanos()) {
                assertThat(polls).as("polls before the start delay").hasValue(0);
                assertThat(expiries).as("expiries before the start delay").hasValue(0);
            }
            assertThat(driver.status()).isEqualTo(ImageJobDriver.Status.RUNNING);

            assertThat(polled.await(30, TimeUnit.SECONDS)).as("the workers poll once the delay is over").isTrue();
            assertThat(expired.await(30, TimeUnit.SECONDS)).as("placeholders expire once the delay is over").isTrue();
        } finally {
            driver.stop(null);
        }
    }

    /**
     * While the database is unavailable each worker polls half as often after every failed poll: with a
     * 20 ms poll, 2 s of outage are about 7 polls per worker instead of 100. Once it is back, a wake-up
     * finds the queue at once.
     */
    @Test
    void whileTheDatabaseIsUnavailableTheWorkersPollLessAndLess() throws Exception {
        AtomicBoolean unavailable = new AtomicBoolean(true);
        AtomicInteger polls = new AtomicInteger();
        FakeQueue queue = new FakeQueue(Duration.ZERO, 1);
        ImageJobDriver driver = new ImageJobDriver(() -> {
            if (unavailable.get()) {
                polls.incrementAndGet();
                throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "the database is busy or cannot be reached");
            }
            return queue.runNextJob();
        }, () -> 0, config(Duration.ZERO, Duration.ofMillis(20)));

        driver.start(null);
        try {
            Thread.sleep(2000);
            assertThat(polls.get()).as("polls of %d workers in 2 s", WORKERS).isBetween(WORKERS, 12 * WORKERS);

            unavailable.set(false);
            queue.add();
            driver.wake();
            assertThat(queue.finished.await(1, TimeUnit.SECONDS)).as("a woken worker runs the job").isTrue();
        } finally {
            driver.stop(null);
        }
    }

    @Test
    void aWokenWorkerTakesAJobLongBeforeItsNextPoll() throws Exception {
        FakeQueue queue = new FakeQueue(Duration.ZERO, 1);
        ImageJobDriver driver = new ImageJobDriver(queue, () -> 0, config(Duration.ZERO, NO_POLL));
        driver.start(null);
        try {
            assertThat(queue.idle.await(30, TimeUnit.SECONDS)).as("both workers found the queue empty").isTrue();

            queue.add();
            driver.wake();

            assertThat(queue.finished.await(5, TimeUnit.SECONDS)).as("the job ran well before the next poll").isTrue();
        } finally {
            driver.stop(null);
        }
    }

    @Test
    void wakeUpsNeverRunMoreJobsAtOnceThanThereAreWorkers() throws Exception {
        int jobs = 20;
        FakeQueue queue = new FakeQueue(Duration.ofMillis(20), jobs);
        ImageJobDriver driver = new ImageJobDriver(queue, () -> 0, config(Duration.ZERO, NO_POLL));
        driver.start(null);
        try {
            assertThat(queue.idle.await(30, TimeUnit.SECONDS)).as("both workers found the queue empty").isTrue();

            for (int i = 0; i < jobs; i++) {
                queue.add();
                driver.wake();
            }

            assertThat(queue.finished.await(30, TimeUnit.SECONDS)).as("every woken job ran").isTrue();
            assertThat(queue.mostAtOnce.get()).isBetween(1, WORKERS);
        } finally {
            driver.stop(null);
        }
    }

    @Test
    void aShutdownLetsTheRunningJobsFinishAndClaimsNoOther() throws Exception {
        FakeQueue queue = new FakeQueue(Duration.ofMillis(500), WORKERS);
        ImageJobDriver driver = new ImageJobDriver(queue, () -> 0, config(Duration.ZERO, NO_POLL, Duration.ofSeconds(30)));
        driver.start(null);
        assertThat(queue.idle.await(30, TimeUnit.SECONDS)).as("both workers found the queue empty").isTrue();
        for (int i = 0; i <= WORKERS; i++) {
            queue.add();
        }
        driver.wake();
        driver.wake();
        assertThat(queue.started.await(30, TimeUnit.SECONDS)).as("both workers run a job").isTrue();

        driver.stop(null);

        assertThat(queue.finished.getCount()).as("jobs still running when the shutdown returned").isZero();
        assertThat(queue.interrupted).as("a running job was interrupted").isFalse();
        assertThat(queue.queued).as("the job no worker had claimed stays queued").hasValue(1);
    }

    @Test
    void aShutdownWaitsForARunningJobNoLongerThanItsGrace() throws Exception {
        FakeQueue queue = new FakeQueue(NO_POLL, 1);
        Duration grace = Duration.ofMillis(300);
        ImageJobDriver driver = new ImageJobDriver(queue, () -> 0, config(Duration.ZERO, NO_POLL, grace));
        driver.start(null);
        assertThat(queue.idle.await(30, TimeUnit.SECONDS)).as("both workers found the queue empty").isTrue();
        queue.add();
        driver.wake();
        assertThat(queue.started.await(30, TimeUnit.SECONDS)).as("a worker runs the job").isTrue();

        long stopping = System.nanoTime();
        driver.stop(null);

        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isBetween(grace, Duration.ofSeconds(10));
        assertThat(queue.finished.getCount()).as("the job is left running").isOne();
    }

    /** Jobs as a count; each takes {@code duration} to run. Counts the jobs running at once. */
    private static final class FakeQueue implements RunImageJobsUseCase {

        final CountDownLatch idle = new CountDownLatch(WORKERS);
        final CountDownLatch started;
        final CountDownLatch finished;
        final AtomicBoolean interrupted = new AtomicBoolean();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final AtomicInteger queued = new AtomicInteger();
        private final AtomicInteger running = new AtomicInteger();
        private final Duration duration;

        FakeQueue(Duration duration, int expectedJobs) {
            this.duration = duration;
            this.started = new CountDownLatch(expectedJobs);
            this.finished = new CountDownLatch(expectedJobs);
        }

        void add() {
            queued.incrementAndGet();
        }

        @Override
        public boolean runNextJob() {
            if (queued.getAndUpdate(n -> Math.max(0, n - 1)) == 0) {
                // Counted once the queue was seen empty: a job added after this is for a wake-up or a poll.
                idle.countDown();
                return false;
            }
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            started.countDown();
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                interrupted.set(true);
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            finished.countDown();
            return true;
        }
    }

    private static ImageJobsConfig config(Duration startDelay, Duration pollInterval) {
        return config(startDelay, pollInterval, Duration.ofSeconds(10));
    }

    private static ImageJobsConfig config(Duration startDelay, Duration pollInterval, Duration shutdownGrace) {
        return new ImageJobsConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public String compression() {
                return "gzip";
            }

            @Override
            public Duration lease() {
                return Duration.ofSeconds(30);
            }

            @Override
            public int maxAttempts() {
                return 3;
            }

            @Override
            public Duration placeholderTtl() {
                return Duration.ofHours(6);
            }

            @Override
            public Duration pollInterval() {
                return pollInterval;
            }

            @Override
            public int workers() {
                return WORKERS;
            }

            @Override
            public Duration startDelay() {
                return startDelay;
            }

            @Override
            public Duration shutdownGrace() {
                return shutdownGrace;
            }
        };
    }
}
