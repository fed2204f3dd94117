package dev.imageservice.adapter.rest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.runtime.IOThreadDetector;
import org.junit.jupiter.api.Test;

class VertxThreadsTest {

    /** The outer one gives back whatever the JVM had before this test. */
    @Test
    void closeGivesBackTheDetectorsItFound() {
        try (VertxThreads outer = new VertxThreads()) {
            BlockingOperationControl.setIoThreadDetector(new IOThreadDetector[] {() -> true});
            new VertxThreads().close();
            assertThat(BlockingOperationControl.isBlockingAllowed()).as("every thread an I/O thread again").isFalse();
        }
    }
}
