package dev.imageservice.adapter.rest.pipeline;

import io.quarkus.runtime.BlockingOperationControl;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One step of a request that may answer on the I/O thread. A step there must not wait on the
 * database, so it first asks what is at hand in memory, and only when that is not enough moves to a
 * worker thread to read. On a worker thread already (a blocking endpoint's filters) it reads at once.
 *
 * <p>This spares GetImage the hand-over to a worker and back, which cost about as much as the rest of
 * a signed GetImage whose image and keys are at hand.
 */
public final class MemoryOrWorker {

    private MemoryOrWorker() {
    }

    /**
     * On the I/O thread, {@code fromMemory}'s answer when it has one, else {@code reading}'s, computed on
     * a worker thread; on a worker thread, {@code reading}'s, computed at once. A refusal thrown by
     * either fails the Uni, and reaches the exception mappers as if thrown.
     */
    public static <T> Uni<T> answer(Supplier<Optional<T>> fromMemory, Supplier<T> reading) {
        try {
            if (BlockingOperationControl.isBlockingAllowed()) {
                return Uni.createFrom().item(reading.get());
            }
            Optional<T> atHand = fromMemory.get();
            if (atHand.isPresent()) {
                return Uni.createFrom().item(atHand.get());
            }
        } catch (RuntimeException refused) {
            return Uni.createFrom().failure(refused);
        }
        return Uni.createFrom().item(reading).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
