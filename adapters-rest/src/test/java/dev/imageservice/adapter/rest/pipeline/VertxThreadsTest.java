package dev.imageservice.adapter.rest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.runtime.IOThreadDetector;
import org.junit.jupiter.api.Test;

class VertxThreadsTest {

    /** The outer one gives back whatever the JVM had before this test. */
    @Test
    void closeGivesBackTheDetectorsItFound() {
        VertxThreads outer = new VertxThreads();
        outer.open();
        try {
            BlockingOperationControl.setIoThreadDetector(new IOThreadDetector[] {() -> true});
            VertxThreads inner = new VertxThreads();
            inner.open();
            inner.close();
            assertThat(BlockingOperationControl.isBlockingAllowed()).as("every thread an I/O thread again").isFalse();
        } finally {
            outer.close();
        }
    }
}
