package dev.imageservice.adapter.grpc.worker;

import io.grpc.Context;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Wakes a call's worker that blocks until the transport can take a message. {@link OneHopToWorker}
 * runs a call's callbacks one at a time on its worker, so an onReady that comes while the worker
 * blocks is delivered only after it: the worker could never be woken by it. Instead
 * {@code OneHopToWorker} wakes the worker here, on the transport's thread, as each onReady and
 * onCancel arrives. The worker finds it in the call's gRPC context.
 */
public final class TransportWakeUp {

    static final Context.Key<TransportWakeUp> KEY = Context.key("imageservice.transport-wake-up");

    private volatile Thread waiting;

    /** The wake-up of the call this worker runs, or null on a thread that runs none. */
    public static TransportWakeUp ofCurrentCall() {
        return KEY.get();
    }

    /**
     * Parks this thread until woken, for at most {@code nanos}, unless {@code done} holds once the
     * wait is armed: a wake-up between the caller's last look and the park is not lost. It may also
     * return early (an interrupt, a stray wake-up), so the caller looks again.
     */
    public void await(BooleanSupplier done, long nanos) {
        waiting = Thread.currentThread();
        try {
            if (!done.getAsBoolean()) {
                LockSupport.parkNanos(this, nanos);
            }
        } finally {
            waiting = null;
        }
    }

    /** Called on the transport's thread: the call may be ready, or cancelled. */
    public void wake() {
        Thread thread = waiting;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }
}
