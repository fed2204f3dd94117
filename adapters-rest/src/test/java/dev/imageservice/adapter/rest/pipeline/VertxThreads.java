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

/**
 * A real Vert.x, whose event loop Quarkus's blocking check recognises as it does in the service and
 * whose worker threads it lets block. The check is global: {@link #close} gives back the detectors it
 * had.
 */
public final class VertxThreads implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final IOThreadDetector[] before = detectors();

    public VertxThreads() {
        BlockingOperationControl.setIoThreadDetector(new IOThreadDetector[] {Context::isOnEventLoopThread});
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

    @Override
    public void close() {
        BlockingOperationControl.setIoThreadDetector(before);
        vertx.close().toCompletionStage().toCompletableFuture().join();
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
