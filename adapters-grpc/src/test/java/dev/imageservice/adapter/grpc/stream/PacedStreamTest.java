package dev.imageservice.adapter.grpc.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.adapter.grpc.worker.TransportWakeUp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bounds of PacedStream's wait for the transport, on a stream that is never ready (unbounded, it
 * would hang) and whose wake-up never comes.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PacedStreamTest {

    private final NeverReadyStream stream = new NeverReadyStream();
    private final List<String> produced = new ArrayList<>();

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void aClientThatTakesNothingForTheStallLimitEndsTheStreamAndTheRead() {
        PacedStream.write(stream, this::produceThree, Duration.ofMillis(50), new TransportWakeUp());

        assertThat(produced).containsExactly("first");
        assertThat(stream.sent).isEmpty();
        assertThat(stream.completed).isFalse();
        assertThat(stream.error.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(stream.error.getStatus().getDescription()).contains("took no image");
    }

    @Test
    void anInterruptedWorkerEndsTheStreamAtOnceAndKeepsItsInterrupt() {
        Thread.currentThread().interrupt();

        PacedStream.write(stream, this::produceThree, Duration.ofDays(1), new TransportWakeUp());

        assertThat(produced).containsExactly("first");
        assertThat(stream.error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    /** Between wake-ups the wait sleeps: polling isReady each millisecond, a second's stall looked some thousand times. */
    @Test
    void aStalledStreamWaitsWithoutPolling() {
        PacedStream.write(stream, this::produceThree, Duration.ofSeconds(1), new TransportWakeUp());

        assertThat(stream.error.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(stream.readyChecks).as("looks at isReady during the stall").isLessThan(50);
    }

    private void produceThree(Consumer<String> sink) {
        for (String message : List.of("first", "second", "third")) {
            produced.add(message);
            sink.accept(message);
        }
    }

    /** A call whose transport never takes a message and whose client never cancels. */
    private static final class NeverReadyStream extends ServerCallStreamObserver<String> {

        final List<String> sent = new ArrayList<>();
        int readyChecks;
        StatusRuntimeException error;
        boolean completed;

        @Override
        public boolean isReady() {
            readyChecks++;
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void onNext(String value) {
            sent.add(value);
        }

        @Override
        public void onError(Throwable t) {
            error = (StatusRuntimeException) t;
        }

        @Override
        public void onCompleted() {
            completed = true;
        }

        @Override
        public void setOnReadyHandler(Runnable onReadyHandler) {
        }

        @Override
        public void setOnCancelHandler(Runnable onCancelHandler) {
        }

        @Override
        public void setCompression(String compression) {
        }

        @Override
        public void disableAutoInboundFlowControl() {
        }

        @Override
        public void request(int count) {
        }

        @Override
        public void setMessageCompression(boolean enable) {
        }

        @Override
        public void setOnReadyThreshold(int numBytes) {
        }
    }
}
