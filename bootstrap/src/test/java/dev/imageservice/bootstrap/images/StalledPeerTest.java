package dev.imageservice.bootstrap.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.bootstrap.rest.Caller;
import dev.imageservice.bootstrap.rest.TestData;
import dev.imageservice.bootstrap.rest.TestKey;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * ImportImageFromDatacenter from a peer that stops sending without closing the connection: once
 * before its headers, once in the middle of the file. Each import gives up after
 * {@code images.datacenter.read-timeout} (1 s here) with 503 RemoteSourceError and leaves nothing:
 * no image, no stored content, no staging file.
 */
@QuarkusTest
@TestProfile(StalledPeerTest.WithStalledPeer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StalledPeerTest {

    /** The peer names this account as the owner of its images; the test creates it under this id. */
    static final UUID OWNER = UUID.fromString("5a11ed00-0000-4000-8000-000000000001");
    /** The peer never answers a request for this image. */
    static final UUID SILENT = UUID.fromString("5a11ed00-0000-4000-8000-000000000002");
    /** The peer shows this image, then sends part of its file and stops. */
    static final UUID TRICKLE = UUID.fromString("5a11ed00-0000-4000-8000-000000000003");
    static final int FILE_SIZE = 64 * 1024;

    public static class WithStalledPeer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path key = Files.createTempDirectory("stalled-peer").resolve("operator");
                TestKey.generate().writeKeyPair(key);
                return Map.of("images.datacenters.stalled.url", "http://127.0.0.1:" + StalledPeer.start(),
                        "images.operator.login", "operator", "images.operator.key", key.toString(),
                        "images.datacenter.read-timeout", "1s");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Inject
    TestData data;

    @ConfigProperty(name = "images.data-dir")
    Path dataDir;

    private Caller owner;

    @BeforeAll
    void seed() {
        TestKey key = TestKey.generate();
        owner = new Caller(data.account(OWNER, "stalled", false, false, key), key);
    }

    /** The client's first request is slow to set up; the timing below is to be the server's. */
    @BeforeEach
    void warmUp() {
        owner.signed().get("/my");
    }

    @Test
    void aPeerSilentBeforeItsHeadersTimesOut() {
        assertTimesOutLeavingNothing(SILENT);
    }

    @Test
    void aPeerStallingInTheFileTimesOut() {
        assertTimesOutLeavingNothing(TRICKLE);
    }

    private void assertTimesOutLeavingNothing(UUID id) {
        long started = System.nanoTime();
        Response response = owner.signed()
                .post("/" + owner.login() + "/images?action=import-from-datacenter&datacenter=stalled&id=" + id);

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(503);
        assertThat(response.jsonPath().getString("code")).isEqualTo("RemoteSourceError");
        assertThat(response.jsonPath().getString("message")).contains("timed out");
        assertThat(System.nanoTime() - started).as("it gave up after about the read timeout").isLessThan(15_000_000_000L);
        assertThat(data.find(id)).isNull();
        assertThat(owner.signed().get("/" + owner.login() + "/images/" + id).statusCode()).isEqualTo(404);
        assertThat(stagedFiles()).isEmpty();
    }

    private java.util.List<Path> stagedFiles() {
        Path staging = dataDir.resolve("files/tmp");
        if (!Files.isDirectory(staging)) {
            return java.util.List.of();
        }
        try (Stream<Path> files = Files.list(staging)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A peer datacenter that accepts connections and then stalls: it reads the request, and for
     * {@link #TRICKLE} answers the image and the first bytes of its file, never closing.
     */
    static final class StalledPeer {

        static int start() throws IOException {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (true) {
                    try {
                        Socket socket = server.accept();
                        Thread handler = new Thread(() -> serve(socket), "stalled-peer-connection");
                        handler.setDaemon(true);
                        handler.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "stalled-peer");
            acceptor.setDaemon(true);
            acceptor.start();
            return server.getLocalPort();
        }

        private static void serve(Socket socket) {
            try (socket) {
                String requestLine = readHead(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                if (requestLine.contains(TRICKLE.toString())) {
                    if (requestLine.contains("/file ")) {
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                                + FILE_SIZE + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(new byte[FILE_SIZE / 4]);
                    } else {
                        byte[] body = image().getBytes(StandardCharsets.UTF_8);
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body);
                    }
                    out.flush();
                }
                // Then nothing more, until the client gives up and closes.
                while (socket.getInputStream().read() >= 0) {
                    // Drains whatever comes.
                }
            } catch (IOException e) {
                // The client went away.
            }
        }

        private static String image() {
            return "{\"id\":\"" + TRICKLE + "\",\"name\":\"trickle\",\"version\":\"1.0.0\",\"os\":\"smartos\","
                    + "\"type\":\"zone-dataset\",\"requirements\":{},\"owner\":\"" + OWNER + "\",\"public\":false,"
                    + "\"state\":\"active\",\"published_at\":\"2020-01-01T00:00:00Z\",\"files\":[{\"sha1\":\""
                    + "0".repeat(40) + "\",\"size\":" + FILE_SIZE + ",\"compression\":\"gzip\"}]}";
        }

        /** Reads up to the blank line ending the request head; returns its first line. */
        private static String readHead(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                head.append((char) c);
                if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                    break;
                }
            }
            return head.toString().split("\r\n")[0];
        }
    }
}
