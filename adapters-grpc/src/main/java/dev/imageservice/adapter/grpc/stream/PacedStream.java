package dev.imageservice.adapter.grpc.stream;

import dev.imageservice.adapter.grpc.error.GrpcErrors;
import dev.imageservice.adapter.grpc.worker.TransportWakeUp;
import dev.imageservice.domain.error.ErrorCode;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A server stream written by a producer that pushes its messages on the call's own thread (a listing
 * read in one transaction): each message waits until the transport can take it, so a slow client
 * slows the read rather than having the server buffer the answer, and a cancel stops the producer at
 * its next message.
 *
 * <p>The wait sleeps until the call's {@link TransportWakeUp}: onReady, like every callback of the
 * call, comes on the thread this blocks ({@code OneHopToWorker} delivers them one at a time), so it
 * would only arrive once the producer had finished; {@code OneHopToWorker} wakes the wait as onReady
 * (or onCancel) reaches it instead. {@code isReady()} and {@code isCancelled()} (the call's own flag,
 * set as soon as the transport closes the stream) decide. The wait is bounded: a client that takes
 * no message for {@link #STALL_LIMIT} gets RESOURCE_EXHAUSTED ({@value #TOO_SLOW}), and a worker
 * interrupted at shutdown ends the stream UNAVAILABLE; either way the producer's read stops and its
 * transaction rolls back.
 */
public final class PacedStream<T> implements Consumer<T> {

    /**
     * Bytes the transport may hold before isReady turns false. With grpc-java's 32 KiB and the pause
     * below, even a fast client could take at most ~32 MB/s, about the pace one listing reads at.
     */
    static final int READY_THRESHOLD = 256 * 1024;
    /**
     * How long a client may take no message before the stream is ended: a client that stops reading
     * without cancelling would otherwise hold a worker, a database connection and a transaction.
     */
    static final Duration STALL_LIMIT = Duration.ofSeconds(30);
    static final String TOO_SLOW = "ClientTooSlow";
    /** The longest sleep between looks, should a wake-up go missing; the stall limit is checked as often. */
    private static final long LONGEST_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ServerCallStreamObserver<T> observer;
    private final long stallLimitNanos;
    private final TransportWakeUp wakeUp;

    private PacedStream(ServerCallStreamObserver<T> observer, Duration stallLimit, TransportWakeUp wakeUp) {
        this.observer = observer;
        this.stallLimitNanos = stallLimit.toNanos();
        this.wakeUp = wakeUp;
    }

    /**
     * Runs the producer, which hands each message to the sink it is given, then completes the stream;
     * a failure of the producer ends the stream with its status. Call from the service method.
     */
    public static <T> void write(ServerCallStreamObserver<T> observer, Consumer<Consumer<T>> producer) {
        write(observer, producer, STALL_LIMIT, Objects.requireNonNull(TransportWakeUp.ofCurrentCall(),
                "a paced stream runs on the worker OneHopToWorker gives its call"));
    }

    static <T> void write(ServerCallStreamObserver<T> observer, Consumer<Consumer<T>> producer, Duration stallLimit,
                          TransportWakeUp wakeUp) {
        observer.setOnReadyThreshold(READY_THRESHOLD);
        try {
            producer.accept(new PacedStream<>(observer, stallLimit, wakeUp));
        } catch (Cancelled e) {
            // The client went away: there is nobody to answer.
            return;
        } catch (RuntimeException e) {
            observer.onError(GrpcErrors.toStatusException(e));
            return;
        }
        observer.onCompleted();
    }

    @Override
    public void accept(T message) {
        long waitingSince = System.nanoTime();
        while (true) {
            if (observer.isCancelled()) {
                throw new Cancelled();
            }
            if (observer.isReady()) {
                break;
            }
            if (Thread.currentThread().isInterrupted()) {
                // The server is stopping its workers; the wait would return at once from now on. The flag stays set.
                throw GrpcErrors.refusal(Status.Code.UNAVAILABLE, ErrorCode.SERVICE_UNAVAILABLE.wireName(),
                        "the server is shutting down; list again");
            }
            if (System.nanoTime() - waitingSince > stallLimitNanos) {
                throw GrpcErrors.refusal(Status.Code.RESOURCE_EXHAUSTED, TOO_SLOW,
                        "the client took no image for " + stallLimitNanos / 1_000_000_000 + " s: the stream was ended");
            }
            wakeUp.await(() -> observer.isReady() || observer.isCancelled(), LONGEST_SLEEP_NANOS);
        }
        observer.onNext(message);
    }

    /** Thrown through the producer to stop it (and end its transaction) once the client cancelled. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("the client cancelled the stream", null, false, false);
        }
    }
}
