package dev.imageservice.bootstrap.images;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Where a test holds a clone or a delete still ({@link GatedReferences}): once {@link #close closed},
 * the next reference to be added or released waits there until the test {@link #open opens} the gate
 * again.
 */
@ApplicationScoped
public class ReferenceGate {

    private volatile CountDownLatch reached = new CountDownLatch(0);
    private volatile CountDownLatch opened = new CountDownLatch(0);

    void close() {
        reached = new CountDownLatch(1);
        opened = new CountDownLatch(1);
    }

    void open() {
        opened.countDown();
    }

    /** Until a request is waiting at the gate. */
    void awaitReached() throws InterruptedException {
        assertThat(reached.await(30, TimeUnit.SECONDS)).isTrue();
    }

    void pass() {
        reached.countDown();
        try {
            assertThat(opened.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
