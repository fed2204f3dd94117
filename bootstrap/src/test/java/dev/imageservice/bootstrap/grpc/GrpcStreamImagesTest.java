package dev.imageservice.bootstrap.grpc;

import static dev.imageservice.bootstrap.grpc.GrpcClient.assertFails;
import static dev.imageservice.bootstrap.grpc.GrpcClient.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.imageservice.adapter.grpc.stream.PacedStream;
import dev.imageservice.adapter.grpc.v1.Image;
import dev.imageservice.adapter.grpc.v1.ImageServiceGrpc.ImageServiceBlockingStub;
import dev.imageservice.adapter.grpc.v1.ListImagesRequest;
import dev.imageservice.adapter.grpc.v1.ListImagesResponse;
import dev.imageservice.bootstrap.observe.LogCapture;
import dev.imageservice.bootstrap.observe.Scrape;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.image.ImageState;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * StreamImages against ListImages: the same images for every filter and caller, a listing past the
 * 4 MiB a client takes in one message (which ListImages refuses) arriving whole, flow control, and a
 * cancel that stops the server's read.
 */
@QuarkusTest
class GrpcStreamImagesTest extends SeededGrpcTest {

    private static final int FOUR_MIB = 4 * 1024 * 1024;
    /** The most a description may hold: each of the hoarder's images takes some 10 KB. */
    private static final String LONG_DESCRIPTION = "d".repeat(10_240);
    /** Enough to pass 4 MiB; the first {@value #UNDER_BOUND} of them (version 1.0.0) stay below it. */
    private static final int HOARDED = 450;
    private static final int UNDER_BOUND = 350;

    /** Owns images of some 4.6 MB in all, private so that no other test's listing sees them. */
    private Account hoarder;
    private List<String> hoarded;
    private final Map<String, String> seeded = new LinkedHashMap<>();

    @BeforeAll
    void seedListings() {
        seeded.put("alice's own", activeImage(alice, "own-listed").id().toString());
        seeded.put("alice's unactivated", data.image(alice, "own-pending").state(ImageState.UNACTIVATED).add().id().toString());
        seeded.put("alice's disabled", data.image(alice, "own-disabled").version("2.0.0").state(ImageState.DISABLED).add().id().toString());
        seeded.put("bob's shared with alice", data.image(bob, "bobs-shared").sharedWith(alice).add().id().toString());
        seeded.put("bob's public", data.image(bob, "bobs-public").publicImage().add().id().toString());
        seeded.put("bob's private", activeImage(bob, "bobs-private").id().toString());
        seeded.put("bob's shared but unactivated", data.image(bob, "bobs-shared-pending").sharedWith(alice)
                .state(ImageState.UNACTIVATED).add().id().toString());

        hoarder = data.account("hoarder", false, false, BOB_KEY);
        hoarded = new ArrayList<>();
        for (int i = 0; i < HOARDED; i++) {
            hoarded.add(data.image(hoarder, "hoarded-" + i).version(i < UNDER_BOUND ? "1.0.0" : "2.0.0")
                    .description(LONG_DESCRIPTION).add().id().toString());
        }
    }

    @Test
    void theStreamHasExactlyWhatListImagesAnswersForEveryFilterAndCaller() {
        Map<String, ListImagesRequest> requests = new LinkedHashMap<>();
        requests.put("everything", ListImagesRequest.getDefaultInstance());
        requests.put("by login", ListImagesRequest.newBuilder().setLogin(alice.login()).build());
        requests.put("state all", ListImagesRequest.newBuilder().setState("all").build());
        requests.put("disabled", ListImagesRequest.newBuilder().setState("disabled").build());
        requests.put("public", ListImagesRequest.newBuilder().setPublic(true).build());
        requests.put("not public", ListImagesRequest.newBuilder().setPublic(false).setState("all").build());
        requests.put("bob's", ListImagesRequest.newBuilder().setOwner(bob.id().toString()).setState("all").build());
        requests.put("name substring", ListImagesRequest.newBuilder().setName("~bobs").setState("all").build());
        requests.put("version", ListImagesRequest.newBuilder().setVersion("2.0.0").setState("all").build());
        requests.put("os and type", ListImagesRequest.newBuilder().setOs("smartos").setType("zone-dataset").build());

        requests.forEach((label, request) -> {
            List<Image> listed = alice().listImages(request).getImagesList();
            assertThat(stream(alice(), request)).as(label).isNotEmpty().containsExactlyElementsOf(listed);
        });
        ListImagesRequest all = ListImagesRequest.newBuilder().setState("all").build();
        assertThat(stream(client.as(bob, BOB_KEY), all)).containsExactlyElementsOf(
                client.as(bob, BOB_KEY).listImages(all).getImagesList());

        assertThat(ids(stream(alice(), all))).contains(ids("alice's own", "alice's unactivated", "alice's disabled",
                        "bob's shared with alice", "bob's public").toArray(String[]::new)).contains(base.id().toString())
                .doesNotContain(ids("bob's private", "bob's shared but unactivated").toArray(String[]::new))
                .doesNotContainAnyElementsOf(hoarded);
        assertThat(ids(stream(client.as(bob, BOB_KEY), all))).contains(seeded.get("bob's private"));
    }

    /** A refused request is refused alike, before anything is streamed. */
    @Test
    void theStreamRefusesWhatListImagesRefuses() {
        ListImagesRequest bobsLogin = ListImagesRequest.newBuilder().setLogin(bob.login()).build();
        StatusRuntimeException listed = catchThrowableOfType(StatusRuntimeException.class, () -> alice().listImages(bobsLogin));
        assertThat(listed).isNotNull();
        assertFails(() -> stream(alice(), bobsLogin), listed.getStatus().getCode(), "NotAuthorized");
        assertFails(() -> stream(alice(), ListImagesRequest.newBuilder().setState("nonsense").build()),
                Status.Code.INVALID_ARGUMENT, "InvalidParameter");
    }

    /** The client's channel has grpc-java's default inbound limit of 4 MiB a message. */
    @Test
    void aListingPastFourMibArrivesWholeAsAStream_whileListImagesRefusesIt() {
        ListImagesRequest hoarders = ListImagesRequest.newBuilder().setOwner(hoarder.id().toString()).build();
        String[] streams = {"operation=\"StreamImages\"", "protocol=\"gRPC\"", "status=\"2xx\""};
        String[] refusedLists = {"operation=\"ListImages\"", "protocol=\"gRPC\"", "status=\"4xx\""};
        double streamsBefore = Scrape.value("images_requests_seconds_count", streams);
        double refusedListsBefore = Scrape.value("images_requests_seconds_count", refusedLists);
        List<Image> streamed = stream(hoarder(), hoarders);

        assertThat(ids(streamed)).containsExactlyElementsOf(hoarded);
        assertThat(ListImagesResponse.newBuilder().addAllImages(streamed).build().getSerializedSize()).isGreaterThan(FOUR_MIB);

        com.google.rpc.Status refused = assertFails(() -> hoarder().listImages(hoarders),
                Status.Code.RESOURCE_EXHAUSTED, "ResponseTooLarge");
        assertThat(refused.getMessage()).contains("StreamImages", String.valueOf(FOUR_MIB));
        // The stream is an operation of its own: its duration is the client's pace, not the service's.
        assertThat(Scrape.value("images_requests_seconds_count", streams)).isEqualTo(streamsBefore + 1);
        assertThat(Scrape.value("images_requests_seconds_count", refusedLists)).isEqualTo(refusedListsBefore + 1);

        // Below the bound, the same images come in one message as before.
        ListImagesResponse under = hoarder().listImages(hoarders.toBuilder().setVersion("1.0.0").build());
        assertThat(ids(under.getImagesList())).containsExactlyElementsOf(hoarded.subList(0, UNDER_BOUND));
        assertThat(under.getSerializedSize()).isGreaterThan(FOUR_MIB * 3 / 4).isLessThanOrEqualTo(FOUR_MIB);
    }

    /**
     * The client takes one image and stops asking: flow control holds the server mid-listing, its read
     * waiting; the cancel must end that read (and its transaction) promptly and quietly.
     *
     * <p>The call has a channel of its own with a small fixed window: the pause holds only while the
     * client's window and the server's ready threshold stay well below the listing, whatever ran before.
     */
    @Test
    void aClientThatPausesHoldsTheServersRead_andItsCancelEndsIt() throws Exception {
        ListImagesRequest hoarders = ListImagesRequest.newBuilder().setOwner(hoarder.id().toString()).build();
        CompletableFuture<ClientCallStreamObserver<ListImagesRequest>> call = new CompletableFuture<>();
        CompletableFuture<Image> first = new CompletableFuture<>();
        CompletableFuture<Throwable> ended = new CompletableFuture<>();

        try (GrpcClient narrow = GrpcClient.withFixedWindow(64 * 1024); LogCapture log = LogCapture.everything()) {
            narrow.asyncAs(hoarder, BOB_KEY).streamImages(hoarders, GrpcClient.pausing(call::complete, first::complete, ended));
            assertThat(first.get(30, TimeUnit.SECONDS).getId()).isEqualTo(hoarded.get(0));

            eventually("the server's read waits for the client", () -> readsWaitingForTheClient() == 1);
            // The waiting read is runnable for a moment each time it looks again: sampled a while, it
            // never leaves accept and is seen waiting again.
            int seenWaiting = 0;
            for (int sample = 0; sample < 50; sample++) {
                Thread.sleep(4);
                assertThat(threadsIn("accept", thread -> true)).as("flow control holds the read").isEqualTo(1);
                seenWaiting += readsWaitingForTheClient();
            }
            assertThat(seenWaiting).as("samples of the held read waiting").isPositive();
            assertThat(ended).isNotDone();
            call.get().cancel("the client has seen enough", null);

            // Generous for a loaded machine: the point is that the read is not left hanging.
            eventually("the read ends after the cancel", Duration.ofSeconds(15), () -> threadsIn("write", thread -> true) == 0);
            assertThat(Status.fromThrowable(ended.get(30, TimeUnit.SECONDS)).getCode()).isEqualTo(Status.Code.CANCELLED);
            eventually("the cancelled stream is logged", () -> log.lines().stream().anyMatch(line -> line.contains(
                    "gRPC StreamImages imageservice.v1.ImageService/StreamImages -> CANCELLED in ")));
            // The reset stream's queued messages were dropped, which Netty reports as a stream error
            // (grpc-java #1578): no fault of the server's, so no stack trace.
            assertThat(GrpcTelemetryTest.serverFaults(log)).isEmpty();
        }
        assertThat(ids(stream(hoarder(), hoarders))).containsExactlyElementsOf(hoarded);
    }

    /**
     * A client whose deadline passes while the server's read waits for it: the read ends as on a cancel,
     * but the call is what the client saw, DEADLINE_EXCEEDED, the server's slowness (5xx), not a CANCELLED
     * of the client's own.
     */
    @Test
    void aDeadlineThatPassesWhileTheReadWaitsIsLoggedAndCountedAsDeadlineExceeded() throws Exception {
        ListImagesRequest hoarders = ListImagesRequest.newBuilder().setOwner(hoarder.id().toString()).build();
        String[] exceeded = {"operation=\"StreamImages\"", "protocol=\"gRPC\"", "status=\"5xx\""};
        double exceededBefore = Scrape.value("images_requests_seconds_count", exceeded);
        CompletableFuture<Image> first = new CompletableFuture<>();
        CompletableFuture<Throwable> ended = new CompletableFuture<>();

        try (GrpcClient narrow = GrpcClient.withFixedWindow(64 * 1024); LogCapture log = LogCapture.accessLog()) {
            narrow.asyncAs(hoarder, BOB_KEY).withDeadlineAfter(3, TimeUnit.SECONDS)
                    .streamImages(hoarders, GrpcClient.pausing(call -> { }, first::complete, ended));
            assertThat(first.get(30, TimeUnit.SECONDS).getId()).isEqualTo(hoarded.get(0));

            assertThat(Status.fromThrowable(ended.get(30, TimeUnit.SECONDS)).getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
            eventually("the read ends at the deadline", Duration.ofSeconds(15), () -> threadsIn("write", thread -> true) == 0);
            eventually("the call is logged", () -> log.lines().stream().anyMatch(line -> line.contains(
                    "gRPC StreamImages imageservice.v1.ImageService/StreamImages -> ")));
            assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains(
                    "gRPC StreamImages imageservice.v1.ImageService/StreamImages -> DEADLINE_EXCEEDED in "));
        }
        assertThat(Scrape.value("images_requests_seconds_count", exceeded)).isEqualTo(exceededBefore + 1);
    }

    private ImageServiceBlockingStub hoarder() {
        return client.as(hoarder, BOB_KEY);
    }

    private static List<Image> stream(ImageServiceBlockingStub stub, ListImagesRequest request) {
        List<Image> images = new ArrayList<>();
        stub.streamImages(request).forEachRemaining(images::add);
        return images;
    }

    private static List<String> ids(List<Image> images) {
        return images.stream().map(Image::getId).toList();
    }

    private List<String> ids(String... labels) {
        return Arrays.stream(labels).map(seeded::get).toList();
    }

    /**
     * Listings in a timed wait to hand an image to the transport ({@code PacedStream.accept}): waiting
     * for the client. A read that wrote without waiting would only ever pass through.
     */
    private static long readsWaitingForTheClient() {
        return threadsIn("accept", thread -> thread.getState() == Thread.State.TIMED_WAITING);
    }

    /**
     * Threads of this JVM (which runs the server) inside a method of {@link PacedStream}: {@code write}
     * runs the whole listing, {@code accept} hands over one image.
     */
    private static long threadsIn(String method, Predicate<Thread> state) {
        return Thread.getAllStackTraces().entrySet().stream().filter(thread -> state.test(thread.getKey()))
                .filter(thread -> Arrays.stream(thread.getValue()).anyMatch(frame ->
                        frame.getClassName().equals(PacedStream.class.getName()) && frame.getMethodName().equals(method)))
                .count();
    }
}
