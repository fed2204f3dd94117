package dev.imageservice.adapter.grpc.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class OneHopToWorkerTest {

    private static final Context.Key<String> KEY = Context.key("test");

    /** Tasks handed to the workers, run when the test says. */
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private final List<String> seen = new ArrayList<>();
    /** The requests memory was asked to answer, and in what gRPC context. */
    private final List<String> asked = new ArrayList<>();
    /** What memory answers a call: the context to run it in on a worker, or null once it answered (closed) it. */
    private Function<ServerCall<?, ?>, Context> memory = call -> Context.current();
    private final OneHopToWorker interceptor = new OneHopToWorker(tasks::add, new AnswerFromMemory() {
        @Override
        public <Q, R> Context answer(ServerCall<Q, R> call, Metadata headers, Q request) {
            asked.add(request + " in " + KEY.get());
            return memory.apply(call);
        }
    });

    @Test
    void aUnaryCallStartsAndRunsOnTheWorkerInOneTaskOnceTheClientHalfCloses() {
        FakeCall call = new FakeCall(MethodDescriptor.MethodType.UNARY);
        ServerCall.Listener<String> listener = interceptor.interceptCall(call, new Metadata(), recording());

        listener.onReady();
        listener.onMessage("request");
        assertThat(tasks).isEmpty();
        assertThat(seen).isEmpty();
        assertThat(call.requested).isEqualTo(2);

        listener.onHalfClose();
        assertThat(asked).containsExactly("request in null");
        assertThat(tasks).hasSize(1);
        runTasks();
        assertThat(seen).containsExactly("start", "ready", "message request", "halfClose");

        listener.onComplete();
        assertThat(tasks).hasSize(1);
        runTasks();
        assertThat(seen).endsWith("complete");
    }

    @Test
    void aSecondMessageReleasesTheCallSoItsHandlerRefusesIt() {
        FakeCall call = new FakeCall(MethodDescriptor.MethodType.SERVER_STREAMING);
        ServerCall.Listener<String> listener = interceptor.interceptCall(call, new Metadata(), recording());

        listener.onMessage("one");
        listener.onMessage("two");
        runTasks();

        assertThat(seen).containsExactly("start", "message one", "message two");
        assertThat(asked).isEmpty();
    }

    /** GetImage with the caller's keys and the image at hand: answered on the transport's thread. */
    @Test
    void aCallAnsweredFromMemoryNeverStarts_andItsLaterCallbacksGoNowhere() {
        FakeCall call = new FakeCall(MethodDescriptor.MethodType.UNARY);
        memory = answering -> {
            answering.close(Status.OK, new Metadata());
            return null;
        };
        ServerCall.Listener<String> listener = interceptor.interceptCall(call, new Metadata(), recording());

        listener.onReady();
        listener.onMessage("request");
        listener.onHalfClose();
        listener.onComplete();

        assertThat(asked).containsExactly("request in null");
        assertThat(call.closedWith).isEqualTo(Status.OK);
        assertThat(tasks).isEmpty();
        assertThat(seen).isEmpty();
    }

    /** What memory found out on the way (the authenticated caller) goes with the call to its worker. */
    @Test
    void aCallNotAtHandRunsOnTheWorkerInTheContextMemoryLeft() throws Exception {
        memory = notAtHand -> Context.current().withValue(KEY, KEY.get() + ", with what memory found");

        runUnaryCallInTheCallsContext();

        assertThat(asked).containsExactly("request in the call's");
        assertThat(seen).containsExactly("start in the call's, with what memory found",
                "halfClose in the call's, with what memory found");
    }

    /**
     * The transport ends a call itself (a request over the size limit: it sends the status and tells
     * the listener onCancel). A call started after that could only close it a second time, which
     * Netty answers by dropping the whole connection; here a refused signature would have closed it.
     */
    @Test
    void aCancelBeforeTheRequestIsCompleteNeverStartsTheCall() {
        FakeCall call = new FakeCall(MethodDescriptor.MethodType.UNARY);
        ServerCall.Listener<String> listener = interceptor.interceptCall(call, new Metadata(), refusing());

        listener.onReady();
        listener.onCancel();
        runTasks();

        assertThat(seen).isEmpty();
        assertThat(asked).isEmpty();
        assertThat(call.closedWith).isNull();
    }

    @Test
    void aCancelBeforeAWorkerGotToTheCallNeverStartsIt() {
        FakeCall call = new FakeCall(MethodDescriptor.MethodType.UNARY);
        ServerCall.Listener<String> listener = interceptor.interceptCall(call, new Metadata(), refusing());
        listener.onMessage("request");
        listener.onHalfClose();
        assertThat(tasks).hasSize(1);

        listener.onCancel();
        runTasks();

        assertThat(seen).isEmpty();
        assertThat(call.closedWith).isNull();
    }

    @Test
    void aCancelWhileTheWorkerRunsTheCallbacksReachesTheStartedCallAfterThem() {
        FakeCall call = new FakeCall(MethodDescriptor.MethodType.UNARY);
        AtomicReference<ServerCall.Listener<String>> listener = new AtomicReference<>();
        ServerCallHandler<String, String> recording = recording();
        // The transport's cancel comes while the worker is starting the call.
        listener.set(interceptor.interceptCall(call, new Metadata(), (c, h) -> {
            ServerCall.Listener<String> started = recording.startCall(c, h);
            listener.get().onCancel();
            return started;
        }));
        listener.get().onMessage("request");
        listener.get().onHalfClose();

        runTasks();

        assertThat(seen).containsExactly("start", "message request", "halfClose", "cancel");
    }

    @Test
    void callbacksAfterTheStartFollowInOrderOnTheWorker() {
        FakeCall call = new FakeCall(MethodDescriptor.MethodType.SERVER_STREAMING);
        ServerCall.Listener<String> listener = interceptor.interceptCall(call, new Metadata(), recording());
        listener.onMessage("request");
        listener.onHalfClose();
        runTasks();
        listener.onReady();
        listener.onReady();
        listener.onCancel();

        assertThat(tasks).hasSize(1);
        runTasks();

        assertThat(seen).containsExactly("start", "message request", "halfClose", "ready", "ready", "cancel");
    }

    @Test
    void aClientStreamingCallStartsAtOnce() {
        FakeCall call = new FakeCall(MethodDescriptor.MethodType.CLIENT_STREAMING);
        interceptor.interceptCall(call, new Metadata(), recording());

        runTasks();

        assertThat(seen).containsExactly("start");
        assertThat(call.requested).isZero();
    }

    @Test
    void theCallsGrpcContextIsAttachedOnTheWorker() throws Exception {
        runUnaryCallInTheCallsContext();

        assertThat(seen).containsExactly("start in the call's", "halfClose in the call's");
        assertThat(KEY.get()).isNull();
    }

    /** A unary call intercepted in a gRPC context of its own, run to its half-close; its steps note their context. */
    private void runUnaryCallInTheCallsContext() throws Exception {
        FakeCall call = new FakeCall(MethodDescriptor.MethodType.UNARY);
        ServerCall.Listener<String> listener = Context.current().withValue(KEY, "the call's").call(
                () -> interceptor.interceptCall(call, new Metadata(), (c, h) -> {
                    seen.add("start in " + KEY.get());
                    return new ServerCall.Listener<>() {
                        @Override
                        public void onHalfClose() {
                            seen.add("halfClose in " + KEY.get());
                        }
                    };
                }));
        listener.onMessage("request");
        listener.onHalfClose();
        runTasks();
    }

    /**
     * A task that blocks until the client takes a message (a paced stream) would get onReady only after
     * it ends: the transport's onReady and onCancel wake it where it waits, on the transport's thread.
     */
    @Test
    void onReadyAndOnCancelWakeTheCallsWorkerWhereItWaits() throws Exception {
        FakeCall call = new FakeCall(MethodDescriptor.MethodType.SERVER_STREAMING);
        AtomicReference<TransportWakeUp> wakeUp = new AtomicReference<>();
        ServerCall.Listener<String> listener = interceptor.interceptCall(call, new Metadata(), (c, h) ->
                new ServerCall.Listener<>() {
                    @Override
                    public void onHalfClose() {
                        wakeUp.set(TransportWakeUp.ofCurrentCall());
                    }
                });
        listener.onMessage("request");
        listener.onHalfClose();
        runTasks();
        assertThat(wakeUp.get()).as("the call's wake-up, found on its worker").isNotNull();

        for (Runnable callback : List.<Runnable>of(listener::onReady, listener::onCancel)) {
            CountDownLatch woken = new CountDownLatch(1);
            Thread worker = new Thread(() -> {
                wakeUp.get().await(() -> false, TimeUnit.DAYS.toNanos(1));
                woken.countDown();
            });
            worker.setDaemon(true);
            worker.start();
            while (worker.getState() != Thread.State.TIMED_WAITING) {
                Thread.sleep(1);
            }

            callback.run();

            assertThat(woken.await(10, TimeUnit.SECONDS)).as("woken").isTrue();
        }
    }

    @Test
    void aCallbackThatThrowsEndsTheCallUnknownAsGrpcJavaWould() {
        FakeCall call = new FakeCall(MethodDescriptor.MethodType.UNARY);
        IllegalStateException failure = new IllegalStateException("broken");
        ServerCall.Listener<String> listener = interceptor.interceptCall(call, new Metadata(), (c, h) ->
                new ServerCall.Listener<>() {
                    @Override
                    public void onHalfClose() {
                        throw failure;
                    }
                });
        listener.onMessage("request");
        listener.onHalfClose();

        runTasks();

        assertThat(call.closedWith.getCode()).isEqualTo(Status.Code.UNKNOWN);
        assertThat(call.closedWith.getCause()).isSameAs(failure);
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
    }

    /** A handler that closes the call as it starts, as a refused signature does. */
    private ServerCallHandler<String, String> refusing() {
        return (call, headers) -> {
            seen.add("start");
            call.close(Status.UNAUTHENTICATED, new Metadata());
            return new ServerCall.Listener<>() {
            };
        };
    }

    private ServerCallHandler<String, String> recording() {
        return (call, headers) -> {
            seen.add("start");
            return new ServerCall.Listener<>() {
                @Override
                public void onMessage(String message) {
                    seen.add("message " + message);
                }

                @Override
                public void onHalfClose() {
                    seen.add("halfClose");
                }

                @Override
                public void onCancel() {
                    seen.add("cancel");
                }

                @Override
                public void onComplete() {
                    seen.add("complete");
                }

                @Override
                public void onReady() {
                    seen.add("ready");
                }
            };
        };
    }

    private static final class FakeCall extends ServerCall<String, String> {

        private static final MethodDescriptor.Marshaller<String> STRINGS = new MethodDescriptor.Marshaller<>() {
            @Override
            public InputStream stream(String value) {
                return new ByteArrayInputStream(value.getBytes());
            }

            @Override
            public String parse(InputStream stream) {
                return "";
            }
        };

        private final MethodDescriptor<String, String> method;
        int requested;
        Status closedWith;

        FakeCall(MethodDescriptor.MethodType type) {
            method = MethodDescriptor.newBuilder(STRINGS, STRINGS).setType(type)
                    .setFullMethodName("test.Service/Method").build();
        }

        @Override
        public void request(int numMessages) {
            requested += numMessages;
        }

        @Override
        public void sendHeaders(Metadata headers) {
        }

        @Override
        public void sendMessage(String message) {
        }

        @Override
        public void close(Status status, Metadata trailers) {
            closedWith = status;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public MethodDescriptor<String, String> getMethodDescriptor() {
            return method;
        }
    }
}
