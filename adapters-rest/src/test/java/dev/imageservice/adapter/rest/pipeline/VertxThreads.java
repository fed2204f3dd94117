package dev.imageservice.adapter.rest.pipeline;

import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.runtime.IOThreadDetector;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** A real Vert.x, whose event loop Quarkus's blocking check recognises as it does in the service. */
public final class VertxThreads implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();

    public VertxThreads() {
        BlockingOperationControl.setIoThreadDetector(new IOThreadDetector[] {Context::isOnEventLoopThread});
    }

    /** Subscribes on an event loop, as RESTEasy Reactive calls a non-blocking endpoint. */
    public <T> T onIoThread(Supplier<Uni<T>> step) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        vertx.runOnContext(ignored -> step.get().subscribe().with(answer::complete, answer::completeExceptionally));
        return answer.orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
