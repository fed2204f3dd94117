package dev.imageservice.adapter.rest.pipeline;

import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.runtime.IOThreadDetector;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.lang.reflect.Field;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Vert.x, whose event loop Quarkus's blocking check recognises as it does in the service and
 * whose worker threads it lets block, for the tests of one class: register it as a static
 * {@code @RegisterExtension} field. The check is global: it is set before the class's first test and
 * the detectors found are given back after its last.
 */
public final class VertxThreads implements BeforeAllCallback, AfterAllCallback {

    private Vertx vertx;
    private IOThreadDetector[] before;

    @Override
    public void beforeAll(ExtensionContext tests) {
        open();
    }

    @Override
    public void afterAll(ExtensionContext tests) {
        close();
    }

    void open() {
        before = detectors();
        vertx = Vertx.vertx();
        BlockingOperationControl.setIoThreadDetector(new IOThreadDetector[] {Context::isOnEventLoopThread});
    }

    void close() {
        BlockingOperationControl.setIoThreadDetector(before);
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** Subscribes on an event loop, as RESTEasy Reactive calls a non-blocking endpoint. */
    public <T> T onIoThread(Supplier<Uni<T>> step) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        vertx.runOnContext(ignored -> step.get().subscribe().with(answer::complete, answer::completeExceptionally));
        return answer.orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Subscribes on a Vert.x worker thread, as a blocking endpoint's filters run. */
    public <T> T onWorker(Supplier<Uni<T>> step) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        vertx.executeBlocking(() -> {
            step.get().subscribe().with(answer::complete, answer::completeExceptionally);
            return null;
        });
        return answer.orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** BlockingOperationControl has a setter for its detectors but no getter. */
    private static IOThreadDetector[] detectors() {
        try {
            Field detectors = BlockingOperationControl.class.getDeclaredField("ioThreadDetectors");
            detectors.setAccessible(true);
            return (IOThreadDetector[]) detectors.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
