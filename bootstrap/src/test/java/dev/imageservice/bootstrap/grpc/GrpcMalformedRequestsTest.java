package dev.imageservice.bootstrap.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.adapter.grpc.v1.GetImageRequest;
import dev.imageservice.adapter.grpc.v1.UpdateImageRequest;
import dev.imageservice.bootstrap.observe.LogCapture;
import dev.imageservice.domain.image.Image;
import io.grpc.Metadata;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests a client compressed or framed wrong, written as raw HTTP/2 frames ({@link RawGrpcCall}):
 * none leaves a stack trace in the log, and the service answers the next call. Where the service
 * decides, the answer is the client's error: gzip that does not inflate, and a unary call with two
 * requests or none, are INVALID_ARGUMENT; gzip that inflates past the 4 MiB limit is
 * RESOURCE_EXHAUSTED. An encoding or a method the server does not know is UNIMPLEMENTED, as the
 * gRPC spec says (grpc-java answers it before any interceptor runs). Every call has its access-log
 * line with the code its client saw. Framing that grpc-java's transport refuses
 * itself (a compressed flag with no encoding, reserved flag bits, a stream that ends inside a
 * message) it answers INTERNAL, which no server code can change.
 */
@QuarkusTest
class GrpcMalformedRequestsTest extends SeededGrpcTest {

    private static final String GET_IMAGE = "imageservice.v1.ImageService/GetImage";
    private static final Metadata.Key<String> ENCODING = Metadata.Key.of("grpc-encoding", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);

    private Image own;
    private byte[] request;

    private record Case(String name, String method, String encoding, byte[] body, Status.Code expected) {
    }

    @BeforeAll
    void seedImage() {
        own = activeImage(alice, "malformed");
        request = GetImageRequest.newBuilder().setId(own.id().toString()).build().toByteArray();
    }

    @Test
    void gzipThatDoesNotInflateIsInvalidArgument() throws Exception {
        byte[] gzipped = gzip(request);
        byte[] corrupt = Arrays.copyOf(gzipped, gzipped.length);
        // The deflate stream after the 10-byte header: 0xff starts a block of type 3, which does not exist.
        Arrays.fill(corrupt, 10, corrupt.length, (byte) 0xff);
        byte[] cut = Arrays.copyOf(gzipped, gzipped.length - 4);

        assertAnswered(List.of(
                new Case("no gzip at all", GET_IMAGE, "gzip", compressed(request), Status.Code.INVALID_ARGUMENT),
                new Case("a corrupt deflate stream", GET_IMAGE, "gzip", compressed(corrupt), Status.Code.INVALID_ARGUMENT),
                new Case("gzip cut short", GET_IMAGE, "gzip", compressed(cut), Status.Code.INVALID_ARGUMENT)));
    }

    @Test
    void gzipThatInflatesPastTheSizeLimitIsResourceExhausted() throws Exception {
        byte[] bomb = gzip(UpdateImageRequest.newBuilder().setId(own.id().toString())
                .setDescription("d".repeat(5 * 1024 * 1024)).build().toByteArray());

        assertAnswered(List.of(new Case("5 MiB in " + bomb.length + " bytes", "imageservice.v1.ImageService/UpdateImage",
                "gzip", compressed(bomb), Status.Code.RESOURCE_EXHAUSTED)));
    }

    @Test
    void aCallOfOneRequestWithTwoOrNoneIsInvalidArgument() throws Exception {
        byte[] once = RawGrpcCall.message(0, request.length, request);
        byte[] twice = Arrays.copyOf(once, 2 * once.length);
        System.arraycopy(once, 0, twice, once.length, once.length);

        assertAnswered(List.of(
                new Case("two requests", GET_IMAGE, null, twice, Status.Code.INVALID_ARGUMENT),
                new Case("no request", GET_IMAGE, null, new byte[0], Status.Code.INVALID_ARGUMENT)));
    }

    @Test
    void whatTheTransportRefusesItselfLeavesNoStackTrace() throws Exception {
        assertAnswered(List.of(
                new Case("an unknown encoding", GET_IMAGE, "x-unheard-of", compressed(request), Status.Code.UNIMPLEMENTED),
                new Case("an unknown method", "imageservice.v1.ImageService/NoSuchMethod", null,
                        RawGrpcCall.message(0, request.length, request), Status.Code.UNIMPLEMENTED),
                new Case("a compressed flag with no encoding", GET_IMAGE, null, compressed(request), Status.Code.INTERNAL),
                new Case("reserved flag bits", GET_IMAGE, null, RawGrpcCall.message(2, request.length, request),
                        Status.Code.INTERNAL),
                new Case("a length prefix past the end of the stream", GET_IMAGE, null,
                        RawGrpcCall.message(0, request.length + 100, request), Status.Code.INTERNAL)));
    }

    /**
     * Each case's call ends as expected and is in the access log with the code its client saw, nothing
     * is logged with a stack trace, and the service still answers.
     */
    private void assertAnswered(List<Case> cases) throws Exception {
        try (LogCapture log = LogCapture.everything()) {
            for (Case c : cases) {
                Metadata metadata = SigningInterceptor.as(ALICE_KEY, GrpcClient.keyId(alice)).headersFor(c.method());
                if (c.encoding() != null) {
                    metadata.put(ENCODING, c.encoding());
                }
                String requestId = UUID.randomUUID().toString();
                metadata.put(REQUEST_ID, requestId);
                Status answer = RawGrpcCall.send(c.method(), metadata, c.body());

                assertThat(answer.getCode()).as(c.name() + ": " + answer).isEqualTo(c.expected());
                String line = "-> " + c.expected() + " in ";
                GrpcClient.eventually(c.name() + " is logged " + line, () -> log.lines().stream()
                        .anyMatch(logged -> logged.contains("request-id=" + requestId) && logged.contains(line)));
                assertThat(alice().getImage(GetImageRequest.newBuilder().setId(own.id().toString()).build()).getId())
                        .as("the service still answers after " + c.name()).isEqualTo(own.id().toString());
            }
            assertThat(GrpcTelemetryTest.serverFaults(log)).isEmpty();
        }
    }

    /** {@code bytes} as one message with the compressed flag set. */
    private static byte[] compressed(byte[] bytes) {
        return RawGrpcCall.message(1, bytes.length, bytes);
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
            out.write(bytes);
        }
        return gzipped.toByteArray();
    }
}
