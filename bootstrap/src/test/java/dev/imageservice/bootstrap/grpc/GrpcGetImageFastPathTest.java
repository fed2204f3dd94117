package dev.imageservice.bootstrap.grpc;

import static dev.imageservice.bootstrap.grpc.GrpcClient.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.adapter.grpc.v1.GetImageRequest;
import dev.imageservice.adapter.grpc.v1.ImageServiceGrpc.ImageServiceBlockingStub;
import dev.imageservice.bootstrap.observe.LogCapture;
import dev.imageservice.bootstrap.observe.Scrape;
import dev.imageservice.bootstrap.rest.AnswerThreads;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.image.Image;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A GetImage whose signer and image were read within the last second (CredentialCache, RecentImages)
 * is answered on the event loop, as REST's is (GetImageFastPathTest); whatever is not at hand is read
 * on a worker, the signature checked once. The answers are the same either way: only the threads tell.
 *
 * <p>Keys and images stay at hand for a second after a read. A machine slow enough to take longer
 * between two calls makes the second read again: each test then tries again, up to three times.
 */
@QuarkusTest
class GrpcGetImageFastPathTest extends SeededGrpcTest {

    private static final String KEYS_AT_HAND = "authenticateFromMemory at hand on I/O thread";
    private static final List<String> FROM_MEMORY = List.of(KEYS_AT_HAND, "getImageFromMemory at hand on I/O thread");
    private static final List<String> IMAGE_READ =
            List.of(KEYS_AT_HAND, "getImageFromMemory not at hand on I/O thread", "getImage on worker");
    private static final List<String> NOT_VISIBLE = List.of(KEYS_AT_HAND, "getImageFromMemory refused on I/O thread");
    private static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);
    private static final String[] ANSWERED = {"operation=\"GetImage\"", "protocol=\"gRPC\"", "status=\"2xx\""};

    @Inject
    AnswerThreads threads;

    @Test
    void aGetImageWhoseKeysAndImageAreAtHandIsAnsweredOnTheEventLoop_loggedAndCountedAsBefore() {
        Image image = activeImage(alice, "fast");
        double countedBefore = Scrape.value("images_requests_seconds_count", ANSWERED);
        int calls = 0;

        try (LogCapture log = LogCapture.accessLog()) {
            assertThat(threads.of(() -> getImage(alice(), image.id().toString()))).as("the first reads")
                    .contains("getImage on worker");
            calls++;
            List<String> next = List.of();
            String requestId = null;
            AtomicReference<Metadata> answered = new AtomicReference<>();
            for (int attempt = 0; attempt < 3 && !next.equals(FROM_MEMORY); attempt++) {
                requestId = "grpc-fast-" + UUID.randomUUID();
                Metadata sent = new Metadata();
                sent.put(REQUEST_ID, requestId);
                ImageServiceBlockingStub stub = alice().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(sent),
                        MetadataUtils.newCaptureMetadataInterceptor(answered, new AtomicReference<>()));
                next = threads.of(() -> assertThat(getImage(stub, image.id().toString()).getName()).isEqualTo("fast"));
                calls++;
            }
            assertThat(next).isEqualTo(FROM_MEMORY);

            assertThat(answered.get().get(REQUEST_ID)).isEqualTo(requestId);
            String line = requestId;
            GrpcClient.eventually("the call is logged", () -> log.lines().stream().anyMatch(l -> l.contains(line)));
            assertThat(log.lines()).filteredOn(l -> l.contains(line)).singleElement().asString().contains(
                    "gRPC GetImage imageservice.v1.ImageService/GetImage -> OK in ", "login=" + alice.login());
        }
        assertThat(Scrape.value("images_requests_seconds_count", ANSWERED)).isEqualTo(countedBefore + calls);
    }

    @Test
    void aSignerWhoseKeysAreNotAtHandIsCheckedOnAWorker() {
        // A login never seen before: its keys were never read.
        Account carol = data.account("carol", false, false, ALICE_KEY);
        Image image = activeImage(carol, "cold");

        assertThat(threads.of(() -> getImage(client.as(carol, ALICE_KEY), image.id().toString())))
                .containsExactly("authenticateFromMemory not at hand on I/O thread", "authenticate on worker",
                        "getImage on worker");
    }

    @Test
    void anImageNotAtHandIsReadOnAWorker_withoutCheckingTheSignatureAgain() {
        Image warm = activeImage(alice, "warm");
        assertAfterWarmKeys(IMAGE_READ, () -> {
            Image cold = activeImage(alice, "cold");
            return () -> assertThat(getImage(alice(), cold.id().toString()).getName()).isEqualTo("cold");
        }, warm);
    }

    @Test
    void aMissingImageIsNotFound_readOnAWorkerAsBefore() {
        Image warm = activeImage(alice, "known");
        assertAfterWarmKeys(IMAGE_READ, () -> () -> assertFails(() -> getImage(alice(), UUID.randomUUID().toString()),
                Status.Code.NOT_FOUND, "ResourceNotFound"), warm);
    }

    /** Visibility is judged on the event loop too, with the same answer. */
    @Test
    void anImageTheCallerMayNotSeeIsNotFound_answeredOnTheEventLoop() {
        Image warm = activeImage(alice, "seen");
        Image hidden = activeImage(bob, "hidden");
        assertAfterWarmKeys(NOT_VISIBLE, () -> {
            getImage(client.as(bob, BOB_KEY), hidden.id().toString());
            return () -> assertFails(() -> getImage(alice(), hidden.id().toString()), Status.Code.NOT_FOUND,
                    "ResourceNotFound");
        }, warm);
        assertAfterWarmKeys(NOT_VISIBLE, () -> () -> assertFails(() -> getImage(alice(), "not-a-uuid"),
                Status.Code.NOT_FOUND, "ResourceNotFound"), warm);
    }

    @Test
    void aSignatureRefusedOnTheEventLoopIsRefusedAsBefore() {
        Image own = activeImage(alice, "own");
        // Alice's key id, signed with Bob's key.
        ImageServiceBlockingStub forged = client.stub(SigningInterceptor.as(BOB_KEY, GrpcClient.keyId(alice)));
        assertAfterWarmKeys(List.of("authenticateFromMemory refused on I/O thread"), () -> () -> assertFails(
                () -> getImage(forged, own.id().toString()), Status.Code.UNAUTHENTICATED, "InvalidCredentials"), own);
    }

    /**
     * The threads of {@code call}, made right after a GetImage of {@code warm} (which leaves Alice's keys
     * at hand); {@code prepare} runs before that GetImage and returns the call.
     */
    private void assertAfterWarmKeys(List<String> expected, Supplier<Runnable> prepare, Image warm) {
        List<String> seen = List.of();
        for (int attempt = 0; attempt < 3 && !seen.equals(expected); attempt++) {
            Runnable call = prepare.get();
            getImage(alice(), warm.id().toString());
            seen = threads.of(call);
        }
        assertThat(seen).isEqualTo(expected);
    }

    private static dev.imageservice.adapter.grpc.v1.Image getImage(ImageServiceBlockingStub stub, String id) {
        return stub.getImage(GetImageRequest.newBuilder().setLogin("my").setId(id).build());
    }
}
