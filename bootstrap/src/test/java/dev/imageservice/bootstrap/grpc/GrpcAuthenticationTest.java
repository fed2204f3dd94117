package dev.imageservice.bootstrap.grpc;

import static dev.imageservice.bootstrap.grpc.GrpcClient.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.adapter.grpc.v1.DeleteImageRequest;
import dev.imageservice.adapter.grpc.v1.GetImageRequest;
import dev.imageservice.adapter.grpc.v1.ImageServiceGrpc.ImageServiceBlockingStub;
import dev.imageservice.adapter.grpc.v1.ImageServiceGrpc;
import dev.imageservice.adapter.grpc.v1.ListImagesRequest;
import dev.imageservice.adapter.grpc.v1.WatchImageRequest;
import dev.imageservice.bootstrap.rest.TestData;
import dev.imageservice.bootstrap.rest.TestKey;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.image.Image;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTP Signature authentication carried in gRPC metadata, verified by the same port as REST (docs/compatibility.md, "Authentication"). */
@QuarkusTest
class GrpcAuthenticationTest extends SeededGrpcTest {

    static final TestKey OTHER_KEY = TestKey.generate();

    Image own;

    @BeforeAll
    void seedOwnImage() {
        own = activeImage(alice, "own");
    }

    @Test
    void aSignedCallGoesThrough_withTheKeyNamedByNameOrFingerprint() {
        String md5 = ALICE_KEY.md5Fingerprint();

        assertThat(client.as(alice, ALICE_KEY).getImage(get()).getId()).isEqualTo(own.id().toString());
        assertThat(client.stub(SigningInterceptor.as(ALICE_KEY, "/" + alice.login() + "/keys/" + md5))
                .getImage(get()).getId()).isEqualTo(own.id().toString());
    }

    @Test
    void noMetadataIsInvalidCredentials() {
        assertFails(() -> client.stub().getImage(get()), Status.Code.UNAUTHENTICATED, "InvalidCredentials");
    }

    @Test
    void aSchemeOtherThanSignatureIsInvalidCredentials() {
        assertFails(() -> client.stub(header("authorization", "Basic YWxpY2U6c2VjcmV0")).getImage(get()),
                Status.Code.UNAUTHENTICATED, "InvalidCredentials");
    }

    @Test
    void aSignatureByAnotherKeyIsInvalidCredentials() {
        assertFails(() -> client.stub(SigningInterceptor.as(OTHER_KEY, GrpcClient.keyId(alice))).getImage(get()),
                Status.Code.UNAUTHENTICATED, "InvalidCredentials");
    }

    @Test
    void anUnknownKeyOrLoginIsInvalidCredentials() {
        assertFails(() -> client.stub(SigningInterceptor.as(ALICE_KEY, "/" + alice.login() + "/keys/no-such-key"))
                .getImage(get()), Status.Code.UNAUTHENTICATED, "InvalidCredentials");
        assertFails(() -> client.stub(SigningInterceptor.as(ALICE_KEY, "/nobody-" + alice.login() + "/keys/" + TestData.KEY_NAME))
                .getImage(get()), Status.Code.UNAUTHENTICATED, "InvalidCredentials");
    }

    @Test
    void aDateMoreThanFiveMinutesOffIsInvalidHeader() {
        assertFails(() -> client.stub(SigningInterceptor.as(ALICE_KEY, GrpcClient.keyId(alice))
                .withClockSkew(Duration.ofMinutes(6))).getImage(get()), Status.Code.UNAUTHENTICATED, "InvalidHeader");
        assertFails(() -> client.stub(SigningInterceptor.as(ALICE_KEY, GrpcClient.keyId(alice))
                .withClockSkew(Duration.ofMinutes(-6))).getImage(get()), Status.Code.UNAUTHENTICATED, "InvalidHeader");
    }

    /** The request target is the method: a signature made for GetImage cannot be replayed onto DeleteImage. */
    @Test
    void aSignatureForAnotherMethodIsInvalidCredentials_andTheCallDoesNothing() {
        ImageServiceBlockingStub replayed = client.stub(SigningInterceptor.as(ALICE_KEY, GrpcClient.keyId(alice))
                .signingFor(ImageServiceGrpc.getGetImageMethod().getFullMethodName()));

        assertFails(() -> replayed.deleteImage(DeleteImageRequest.newBuilder().setId(own.id().toString()).build()),
                Status.Code.UNAUTHENTICATED, "InvalidCredentials");
        assertThat(data.find(own.id())).isNotNull();
    }

    @Test
    void streamsAreAuthenticatedToo() {
        assertFails(() -> client.stub().watchImage(WatchImageRequest.newBuilder().setId(own.id().toString()).build())
                .hasNext(), Status.Code.UNAUTHENTICATED, "InvalidCredentials");
    }

    @Test
    void aDisabledAccountIsNotAuthorized() {
        TestKey key = TestKey.generate();
        Account disabled = data.account("gone", false, true, key);

        assertFails(() -> client.as(disabled, key).listImages(ListImagesRequest.getDefaultInstance()),
                Status.Code.PERMISSION_DENIED, "NotAuthorized");
    }

    private GetImageRequest get() {
        return GetImageRequest.newBuilder().setLogin("my").setId(own.id().toString()).build();
    }

    /** Sends one fixed metadata entry and nothing else. */
    private static ClientInterceptor header(String name, String value) {
        return new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method,
                        options.withDeadlineAfter(30, TimeUnit.SECONDS))) {
                    @Override
                    public void start(Listener<R> listener, Metadata headers) {
                        headers.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value);
                        super.start(listener, headers);
                    }
                };
            }
        };
    }
}
