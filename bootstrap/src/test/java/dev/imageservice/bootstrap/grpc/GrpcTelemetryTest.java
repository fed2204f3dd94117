package dev.imageservice.bootstrap.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.imageservice.adapter.grpc.v1.CloneImageRequest;
import dev.imageservice.adapter.grpc.v1.GetImageRequest;
import dev.imageservice.adapter.grpc.v1.UpdateImageRequest;
import dev.imageservice.bootstrap.observe.JobTelemetry;
import dev.imageservice.bootstrap.observe.LogCapture;
import dev.imageservice.bootstrap.observe.Scrape;
import dev.imageservice.domain.image.Image;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** gRPC calls in /q/metrics and in the access log, with the x-request-id the client sent answered back. */
@QuarkusTest
class GrpcTelemetryTest extends SeededGrpcTest {

    private static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);

    @Test
    void aCallIsCountedByOperationAndStatusClassAndLoggedWithItsRequestId() {
        Image image = activeImage(alice, "counted");
        String[] found = {"operation=\"GetImage\"", "protocol=\"gRPC\"", "status=\"2xx\""};
        String[] missing = {"operation=\"GetImage\"", "protocol=\"gRPC\"", "status=\"4xx\""};
        double foundBefore = Scrape.value("images_requests_seconds_count", found);
        double missingBefore = Scrape.value("images_requests_seconds_count", missing);
        String requestId = "grpc-" + UUID.randomUUID();
        Metadata sent = new Metadata();
        sent.put(REQUEST_ID, requestId);
        AtomicReference<Metadata> answered = new AtomicReference<>();
        AtomicReference<Metadata> trailers = new AtomicReference<>();

        try (LogCapture log = LogCapture.accessLog()) {
            alice().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(sent),
                            MetadataUtils.newCaptureMetadataInterceptor(answered, trailers))
                    .getImage(GetImageRequest.newBuilder().setId(image.id().toString()).build());

            assertThat(answered.get().get(REQUEST_ID)).isEqualTo(requestId);
            GrpcClient.eventually("the call is logged", () -> !log.lines().isEmpty());
            assertThat(log.lines()).singleElement().asString().contains(
                    "gRPC GetImage imageservice.v1.ImageService/GetImage -> OK in ", "login=" + alice.login(),
                    "request-id=" + requestId);
        }
        GrpcClient.assertFails(() -> alice().getImage(
                GetImageRequest.newBuilder().setId(UUID.randomUUID().toString()).build()), Status.Code.NOT_FOUND,
                "ResourceNotFound");

        assertThat(Scrape.value("images_requests_seconds_count", found)).isEqualTo(foundBefore + 1);
        assertThat(Scrape.value("images_requests_seconds_count", missing)).isEqualTo(missingBefore + 1);
    }

    /**
     * Calls the service never answered count too: one the signature check refused, and one the
     * transport ended itself because its request was over the size limit (the service never started
     * it), logged as the RESOURCE_EXHAUSTED its client got.
     */
    @Test
    void refusedAndCancelledCallsAreCountedAndLoggedToo() {
        String[] refused = {"operation=\"GetImage\"", "protocol=\"gRPC\"", "status=\"4xx\""};
        String[] cancelled = {"operation=\"UpdateImage\"", "protocol=\"gRPC\"", "status=\"4xx\""};
        double refusedBefore = Scrape.value("images_requests_seconds_count", refused);
        double cancelledBefore = Scrape.value("images_requests_seconds_count", cancelled);

        String refusedLine = "gRPC GetImage imageservice.v1.ImageService/GetImage -> UNAUTHENTICATED in ";
        String cancelledLine = "gRPC UpdateImage imageservice.v1.ImageService/UpdateImage -> RESOURCE_EXHAUSTED in ";

        try (LogCapture log = LogCapture.accessLog()) {
            GrpcClient.assertFails(() -> client.stub().getImage(GetImageRequest.newBuilder()
                    .setId(UUID.randomUUID().toString()).build()), Status.Code.UNAUTHENTICATED, "InvalidCredentials");
            assertOverTheSizeLimit();

            // Waits for these two lines rather than a count: another call's line may land in the capture too.
            GrpcClient.eventually("both calls are logged", () -> log.lines().stream().anyMatch(line -> line.contains(refusedLine))
                    && log.lines().stream().anyMatch(line -> line.contains(cancelledLine)));
            assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains(cancelledLine, "login=" + alice.login()));
        }
        assertThat(Scrape.value("images_requests_seconds_count", refused)).isEqualTo(refusedBefore + 1);
        assertThat(Scrape.value("images_requests_seconds_count", cancelled)).isEqualTo(cancelledBefore + 1);
    }

    /** A client's mistakes leave no stack trace; the server's own fault leaves one, with the call's x-request-id. */
    @Test
    void onlyTheServersOwnFaultsAreLoggedWithAStackTrace() {
        // The clone needs the shared image's file, which the store does not hold: an InternalError.
        Image hollow = data.image(bob, "hollow").origin(base.id()).sharedWith(alice).fileMissingFromStore().add();
        String requestId = "grpc-fault-" + UUID.randomUUID();
        Metadata sent = new Metadata();
        sent.put(REQUEST_ID, requestId);

        try (LogCapture log = LogCapture.everything()) {
            GrpcClient.assertFails(() -> alice().getImage(GetImageRequest.newBuilder()
                    .setId(UUID.randomUUID().toString()).build()), Status.Code.NOT_FOUND, "ResourceNotFound");
            GrpcClient.assertFails(() -> client.stub().getImage(GetImageRequest.newBuilder()
                    .setId(hollow.id().toString()).build()), Status.Code.UNAUTHENTICATED, "InvalidCredentials");
            assertOverTheSizeLimit();
            GrpcClient.assertFails(() -> alice().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(sent))
                            .cloneImage(CloneImageRequest.newBuilder().setId(hollow.id().toString()).build()),
                    Status.Code.INTERNAL, "InternalError");

            GrpcClient.eventually("the fault is logged", () -> !serverFaults(log).isEmpty());
            assertThat(serverFaults(log)).singleElement().asString()
                    .contains("gRPC request " + requestId + " (CloneImage) failed unexpectedly");
        }
    }

    /** An UpdateImage over the 4 MiB limit, which the transport refuses before the service sees it. */
    private void assertOverTheSizeLimit() {
        StatusRuntimeException tooLarge = catchThrowableOfType(StatusRuntimeException.class, () -> alice().updateImage(
                UpdateImageRequest.newBuilder().setId(UUID.randomUUID().toString())
                        .setDescription("d".repeat(5 * 1024 * 1024)).build()));
        assertThat(tooLarge.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    }

    /** Stack traces logged while the capture was open; a background job's own faults are no request's. */
    static List<String> serverFaults(LogCapture log) {
        return log.withStackTraces().stream().filter(line -> !line.startsWith(JobTelemetry.class.getName())).toList();
    }
}
