package dev.imageservice.bootstrap.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The workers first look for jobs {@code images.jobs.start-delay} after the start, then every poll interval. */
class ImageJobDriverStartTest {

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
        }, config(Duration.ofMillis(500)));

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

    private static ImageJobsConfig config(Duration startDelay) {
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
                return Duration.ofMillis(10);
            }

            @Override
            public int workers() {
                return 2;
            }

            @Override
            public Duration startDelay() {
                return startDelay;
            }
        };
    }
}
