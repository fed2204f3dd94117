package dev.imageservice.adapter.rest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** On a real Vert.x event loop and worker thread, which Quarkus's blocking check tells apart as it does in the service. */
class MemoryOrWorkerTest {

    @RegisterExtension
    static final VertxThreads vertx = new VertxThreads();
    private final List<String> steps = new ArrayList<>();

    private Supplier<Optional<String>> memory(Optional<String> answer) {
        return () -> {
            steps.add("memory on " + where());
            return answer;
        };
    }

    private Supplier<String> reading() {
        return () -> {
            steps.add("read on " + where());
            return "read";
        };
    }

    /** A Vert.x worker is where the test calls from; a plain worker is where MemoryOrWorker sends a read. */
    private static String where() {
        if (Context.isOnEventLoopThread()) {
            return "I/O thread";
        }
        return Context.isOnWorkerThread() ? "Vert.x worker" : "worker";
    }

    @Test
    void onTheIoThreadWhatIsAtHandIsAnsweredThere() {
        assertThat(vertx.onIoThread(() -> MemoryOrWorker.answer(memory(Optional.of("at hand")), reading()))).isEqualTo("at hand");
        assertThat(steps).containsExactly("memory on I/O thread");
    }

    @Test
    void onTheIoThreadWhatIsNotAtHandIsReadOnAWorker() {
        assertThat(vertx.onIoThread(() -> MemoryOrWorker.answer(memory(Optional.empty()), reading()))).isEqualTo("read");
        assertThat(steps).containsExactly("memory on I/O thread", "read on worker");
    }

    @Test
    void onAWorkerItReadsAtOnce() {
        assertThat(vertx.onWorker(() -> MemoryOrWorker.answer(memory(Optional.of("at hand")), reading()))).isEqualTo("read");
        assertThat(steps).containsExactly("read on Vert.x worker");
    }

    @Test
    void aRefusalFailsTheAnswer() {
        IllegalArgumentException refused = new IllegalArgumentException("refused");
        assertThatThrownBy(() -> vertx.onIoThread(() -> MemoryOrWorker.<String>answer(() -> {
            throw refused;
        }, reading()))).hasCause(refused);
        assertThat(steps).isEmpty();
    }
}
