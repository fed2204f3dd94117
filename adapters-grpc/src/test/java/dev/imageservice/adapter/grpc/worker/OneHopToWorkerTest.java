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
import org.junit.jupiter.api.Test;

class OneHopToWorkerTest {

    private static final Context.Key<String> KEY = Context.key("test");

    /** Tasks handed to the workers, run when the test says. */
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private final OneHopToWorker interceptor = new OneHopToWorker(tasks::add);
    private final List<String> seen = new ArrayList<>();

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
    }

    @Test
    void aCancelBeforeTheRequestIsCompleteStillReachesTheCall() {
        FakeCall call = new FakeCall(MethodDescriptor.MethodType.UNARY);
        ServerCall.Listener<String> listener = interceptor.interceptCall(call, new Metadata(), recording());

        listener.onCancel();
        runTasks();

        assertThat(seen).containsExactly("start", "cancel");
    }

    @Test
    void callbacksAfterTheStartFollowInOrderOnTheWorker() {
        FakeCall call = new FakeCall(MethodDescriptor.MethodType.SERVER_STREAMING);
        ServerCall.Listener<String> listener = interceptor.interceptCall(call, new Metadata(), recording());
        listener.onMessage("request");
        listener.onHalfClose();
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

        assertThat(seen).containsExactly("start in the call's", "halfClose in the call's");
        assertThat(KEY.get()).isNull();
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
