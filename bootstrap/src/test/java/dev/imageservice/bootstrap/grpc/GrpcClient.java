package dev.imageservice.bootstrap.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import dev.imageservice.adapter.grpc.v1.ImageServiceGrpc;
import dev.imageservice.bootstrap.rest.TestData;
import dev.imageservice.bootstrap.rest.TestKey;
import dev.imageservice.domain.account.Account;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.eclipse.microprofile.config.ConfigProvider;

/** A real gRPC client: a plaintext channel to the test server's gRPC port, and stubs that sign as an account. */
public final class GrpcClient implements AutoCloseable {

    private final ManagedChannel channel;

    public GrpcClient() {
        this(ManagedChannelBuilder.forAddress("localhost", port()));
    }

    private GrpcClient(ManagedChannelBuilder<?> channel) {
        this.channel = channel.usePlaintext().build();
    }

    /**
     * A client whose HTTP/2 flow-control window stays at {@code bytes}: setting it turns off grpc-java's
     * automatic tuning, which grows a channel's window (up to 8 MiB) after bulk transfers.
     */
    static GrpcClient withFixedWindow(int bytes) {
        return new GrpcClient(NettyChannelBuilder.forAddress("localhost", port()).flowControlWindow(bytes));
    }

    /** The port the test server bound ({@code test-port=0} picks a free one). */
    static int port() {
        int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
        assertThat(port).as("the gRPC server's bound port").isPositive();
        return port;
    }

    ManagedChannel channel() {
        return channel;
    }

    /** A stub whose calls are signed with the account's key, named by key name. */
    public ImageServiceGrpc.ImageServiceBlockingStub as(Account account, TestKey key) {
        return stub(SigningInterceptor.as(key, keyId(account)));
    }

    ImageServiceGrpc.ImageServiceStub asyncAs(Account account, TestKey key) {
        return ImageServiceGrpc.newStub(channel).withInterceptors(SigningInterceptor.as(key, keyId(account)))
                .withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    ImageServiceGrpc.ImageServiceBlockingStub stub(ClientInterceptor... interceptors) {
        return ImageServiceGrpc.newBlockingStub(channel).withInterceptors(interceptors)
                .withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    static String keyId(Account account) {
        return "/" + account.login() + "/keys/" + TestData.KEY_NAME;
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow();
        channel.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** The call fails with this status and the CloudAPI code as its ErrorInfo reason; returns the full status. */
    public static com.google.rpc.Status assertFails(ThrowingCallable call, Status.Code status, String cloudApiCode) {
        StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class, call);
        assertThat(failure).as("the call should fail with %s", status).isNotNull();
        assertThat(failure.getStatus().getCode()).as(failure.getStatus().toString()).isEqualTo(status);
        com.google.rpc.Status details = StatusProto.fromThrowable(failure);
        assertThat(details).as("status details").isNotNull();
        assertThat(errorInfo(details).getReason()).isEqualTo(cloudApiCode);
        assertThat(errorInfo(details).getDomain()).isEqualTo("cloudapi");
        return details;
    }

    static ErrorInfo errorInfo(com.google.rpc.Status details) {
        return details.getDetailsList().stream().filter(any -> any.is(ErrorInfo.class)).findFirst()
                .map(any -> unpack(any, ErrorInfo.class)).orElseThrow(() -> new AssertionError("no ErrorInfo in " + details));
    }

    static List<BadRequest.FieldViolation> fieldViolations(com.google.rpc.Status details) {
        return details.getDetailsList().stream().filter(any -> any.is(BadRequest.class)).findFirst()
                .map(any -> unpack(any, BadRequest.class).getFieldViolationsList())
                .orElseThrow(() -> new AssertionError("no BadRequest in " + details));
    }

    private static <T extends com.google.protobuf.Message> T unpack(com.google.protobuf.Any any, Class<T> type) {
        try {
            return any.unpack(type);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    /** Polls until the condition holds, for effects that happen after a call returns (a cancel reaching the server). */
    static void eventually(String what, java.util.function.BooleanSupplier condition) {
        eventually(what, Duration.ofSeconds(20), condition);
    }

    static void eventually(String what, Duration patience, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /**
     * An observer that asks for one message only, so the server must wait for the client; {@code started}
     * gets the call, to cancel it.
     */
    static <Q, R> ClientResponseObserver<Q, R> pausing(Consumer<ClientCallStreamObserver<Q>> started,
                                                       Consumer<R> onFirst, CompletableFuture<Throwable> ended) {
        return new ClientResponseObserver<>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<Q> requests) {
                requests.disableAutoRequestWithInitial(1);
                started.accept(requests);
            }

            @Override
            public void onNext(R message) {
                onFirst.accept(message);
            }

            @Override
            public void onError(Throwable error) {
                ended.complete(error);
            }

            @Override
            public void onCompleted() {
                ended.complete(null);
            }
        };
    }
}
