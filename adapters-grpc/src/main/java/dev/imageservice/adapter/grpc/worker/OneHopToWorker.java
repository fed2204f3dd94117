package dev.imageservice.adapter.grpc.worker;

import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Prioritized;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Moves each call of the image service off the event loop in one hop: the service's ports are
 * transactional and blocking, and so is the signature check.
 *
 * <p>Quarkus's {@code @Blocking} sends each callback of a call (start, onReady, onMessage,
 * onHalfClose, onComplete) to a worker on its own and back to the event loop before the next one:
 * five hops there and five back for one GetImage. Here, for a method whose client sends one message
 * (unary and server streaming: all of this service's), the callbacks wait on the event loop until the
 * client half-closes (or sends a second message), and one worker task then starts the call (the inner interceptors,
 * the signature check among them) and delivers them in order. Callbacks after that (onReady of a
 * streamed file, onCancel, onComplete) follow on a worker, one at a time and in order. A method whose
 * client streams would start at once instead; this service has none.
 *
 * <p>Before that hop, on the event loop, the call's {@link AnswerFromMemory} may answer it from memory
 * (GetImage, when the caller's keys and the image are at hand). A call answered there never starts:
 * no inner interceptor sees it, and its later callbacks are dropped. Otherwise it goes to the worker
 * as above, in the gRPC context that answer returned.
 *
 * <p>A call cancelled before a worker started it is never started, and its waiting callbacks are
 * dropped. The transport already ended it (a request over the size limit is answered by the
 * transport itself), and Quarkus ended its request context: started now, whatever closed it (a
 * signature check that cannot read the database without that context) would close it a second
 * time, which Netty answers by dropping the whole connection. The interceptors outside this one
 * (request context, access log) see that cancel as usual; those inside never saw the call.
 *
 * <p>As {@code @Blocking} did, each task runs with the call's gRPC context attached and with the
 * call's CDI request context (opened by Quarkus before this interceptor) active. That gRPC context
 * also holds the call's {@link TransportWakeUp}, woken as onReady and onCancel arrive, for a task
 * that blocks until the client takes a message: behind it, those callbacks wait in the queue.
 */
@ApplicationScoped
public class OneHopToWorker implements ServerInterceptor, Prioritized {

    /**
     * Where Quarkus puts its own blocking interceptor: inside its request-context interceptor (whose
     * request context the tasks carry on), outside its exception interceptor and this adapter's own.
     */
    static final int PRIORITY = Integer.MAX_VALUE - 60;

    private static final Logger LOG = Logger.getLogger(OneHopToWorker.class);

    private final Executor workers;
    private final AnswerFromMemory fromMemory;

    /**
     * On Quarkus's worker pool (the one {@code @Blocking} uses), looked up per task: it is set at start;
     * {@code fromMemory} may answer a call before it goes there.
     */
    @Inject
    public OneHopToWorker(AnswerFromMemory fromMemory) {
        this(task -> Infrastructure.getDefaultWorkerPool().execute(task), fromMemory);
    }

    OneHopToWorker(Executor workers, AnswerFromMemory fromMemory) {
        this.workers = workers;
        this.fromMemory = fromMemory;
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        boolean oneMessage = call.getMethodDescriptor().getType().clientSendsOneMessage();
        return new OnWorker<>(call, headers, next, workers, fromMemory, requestContext(), oneMessage);
    }

    private static ManagedContext requestContext() {
        return Arc.container() == null ? null : Arc.container().requestContext();
    }

    /** The call's listener as the transport sees it; the real one lives on the worker. */
    private static final class OnWorker<Q, R> extends ServerCall.Listener<Q> implements Runnable {

        private final ServerCall<Q, R> call;
        private final Metadata headers;
        private final Executor workers;
        private final AnswerFromMemory fromMemory;
        private final TransportWakeUp wakeUp = new TransportWakeUp();
        /** Set by the transport's thread before the first task is scheduled, never after. */
        private Context grpcContext = Context.current().withValue(TransportWakeUp.KEY, wakeUp);
        private final ManagedContext requestContext;
        private final InjectableContext.ContextState requestState;
        /** Callbacks held on the event loop until the client's one message is complete; then null. */
        private List<Consumer<ServerCall.Listener<Q>>> held = new ArrayList<>(4);
        private final Queue<Consumer<ServerCall.Listener<Q>>> queued = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();
        /** Set by the transport's thread; a worker that has not started the call by then never does. */
        private volatile boolean cancelled;
        /** Read and written by the worker task only (one at a time, ordered by {@link #scheduled}). */
        private ServerCall.Listener<Q> delegate;
        /** No more callbacks: one failed (and closed the call), or the call was cancelled before it started. */
        private boolean ended;
        /** Messages received (by the transport's thread). */
        private int messages;
        /** The client's first message, for {@link #fromMemory}; read and written by the transport's thread. */
        private Q request;
        /** Answered from memory: the call never starts, and the transport's callbacks go nowhere. */
        private boolean answered;

        OnWorker(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next, Executor workers,
                 AnswerFromMemory fromMemory, ManagedContext requestContext, boolean oneMessage) {
            this.call = call;
            this.headers = headers;
            this.workers = workers;
            this.fromMemory = fromMemory;
            this.requestContext = requestContext;
            this.requestState = requestContext != null && requestContext.isActive() ? requestContext.getState() : null;
            held.add(ignored -> start(next));
            if (oneMessage) {
                // The transport delivers messages only once asked; the call's own handler asks when it
                // starts, which waits for them here. Two, as grpc-java's handler asks: a second message
                // releases the call too, and the handler refuses it as it always did.
                call.request(2);
            } else {
                release();
            }
        }

        @Override
        public void onReady() {
            wakeUp.wake();
            deliver(ServerCall.Listener::onReady, false);
        }

        @Override
        public void onMessage(Q message) {
            if (++messages == 1 && held != null) {
                request = message;
            }
            deliver(listener -> listener.onMessage(message), messages > 1);
        }

        @Override
        public void onHalfClose() {
            // Held until now, the client's one message is complete: perhaps it can be answered here.
            if (held != null && messages == 1 && answeredFromMemory()) {
                return;
            }
            deliver(ServerCall.Listener::onHalfClose, true);
        }

        @Override
        public void onCancel() {
            cancelled = true;
            wakeUp.wake();
            if (held == null) {
                deliver(ServerCall.Listener::onCancel, true);
            } else {
                // Not started, and now it never will be: its held callbacks go.
                held = null;
            }
        }

        @Override
        public void onComplete() {
            deliver(ServerCall.Listener::onComplete, true);
        }

        /** On the transport's thread: true when the call was answered; else the worker runs it in the context left. */
        private boolean answeredFromMemory() {
            Context previous = grpcContext.attach();
            Context next;
            try {
                next = fromMemory.answer(call, headers, request);
            } finally {
                grpcContext.detach(previous);
            }
            request = null;
            if (next == null) {
                answered = true;
                held = null;
                return true;
            }
            grpcContext = next;
            return false;
        }

        /** Called by the transport, one callback at a time. */
        private void deliver(Consumer<ServerCall.Listener<Q>> callback, boolean releases) {
            if (answered) {
                return;
            }
            if (held != null) {
                held.add(callback);
                if (releases) {
                    release();
                }
            } else {
                queued.add(callback);
                schedule();
            }
        }

        private void release() {
            queued.addAll(held);
            held = null;
            schedule();
        }

        private void schedule() {
            if (scheduled.compareAndSet(false, true)) {
                workers.execute(this);
            }
        }

        /** The worker task: every queued callback in order, then again if more came meanwhile. */
        @Override
        public void run() {
            Context previous = grpcContext.attach();
            // Quarkus ends the request context once the call completes; a late callback runs without it.
            boolean activated = requestState != null && requestState.isValid() && !requestContext.isActive();
            if (activated) {
                requestContext.activate(requestState);
            }
            try {
                Consumer<ServerCall.Listener<Q>> callback;
                while ((callback = queued.poll()) != null) {
                    invoke(callback);
                }
            } finally {
                if (activated) {
                    requestContext.deactivate();
                }
                grpcContext.detach(previous);
                scheduled.set(false);
            }
            if (!queued.isEmpty()) {
                schedule();
            }
        }

        /** The first callback: the call starts here and its listener becomes the delegate. */
        private void start(ServerCallHandler<Q, R> next) {
            if (cancelled) {
                ended = true;
            } else {
                delegate = next.startCall(call, headers);
            }
        }

        private void invoke(Consumer<ServerCall.Listener<Q>> callback) {
            if (ended) {
                return;
            }
            try {
                callback.accept(delegate);
            } catch (RuntimeException | Error e) {
                // What grpc-java does with a callback that throws: the call ends UNKNOWN.
                ended = true;
                try {
                    call.close(Status.UNKNOWN.withDescription("Application error processing RPC").withCause(e),
                            new Metadata());
                } catch (RuntimeException closedAlready) {
                    LOG.debugf(e, "a gRPC callback failed after its call was closed");
                }
            }
        }
    }
}
