package dev.imageservice.bootstrap.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.bootstrap.faults.DiskSpace;
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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * ImportImageFromDatacenter when the transfer fails. A peer that stops sending without closing the
 * connection, once before its headers and once in the middle of the file: each import gives up after
 * {@code images.datacenter.read-timeout} (1 s here) with 503 RemoteSourceError. A disk here that
 * fills up while a whole file arrives: 500 InternalError naming the cause, since the peer did nothing
 * wrong. Either way nothing is left: no image, no stored content, no staging file.
 */
@QuarkusTest
@TestProfile(PeerTransferFaultsTest.WithFaultyPeer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeerTransferFaultsTest {

    /** The peer names this account as the owner of its images; the test creates it under this id. */
    static final UUID OWNER = UUID.fromString("5a11ed00-0000-4000-8000-000000000001");
    /** The peer never answers a request for this image. */
    static final UUID SILENT = UUID.fromString("5a11ed00-0000-4000-8000-000000000002");
    /** The peer shows this image, then sends part of its file and stops. */
    static final UUID TRICKLE = UUID.fromString("5a11ed00-0000-4000-8000-000000000003");
    /** The peer serves this image and its whole file. */
    static final UUID WHOLE = UUID.fromString("5a11ed00-0000-4000-8000-000000000004");
    static final int FILE_SIZE = 64 * 1024;
    static final byte[] WHOLE_FILE = new byte[FILE_SIZE];

    static {
        new Random(11).nextBytes(WHOLE_FILE);
    }

    public static class WithFaultyPeer implements QuarkusTestProfile {
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

    @Inject
    DiskSpace space;

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

    @Test
    void aDiskFillingUpHereIsNotThePeersFault() {
        space.fillAfter(FILE_SIZE / 4);
        Response response;
        try {
            response = importFromPeer(WHOLE);
        } finally {
            space.free();
        }

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(500);
        assertThat(response.jsonPath().getString("code")).isEqualTo("InternalError");
        assertThat(response.jsonPath().getString("message")).contains(WHOLE.toString(), "No space left on device");
        assertLeftNothing(WHOLE);
        // With room again the same copy goes through: the server kept serving, the peer was fine.
        assertThat(importFromPeer(WHOLE).statusCode()).isEqualTo(200);
        assertThat(owner.signed().get("/" + owner.login() + "/images/" + WHOLE + "/file").asByteArray()).isEqualTo(WHOLE_FILE);
    }

    private void assertTimesOutLeavingNothing(UUID id) {
        long started = System.nanoTime();
        Response response = importFromPeer(id);

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(503);
        assertThat(response.jsonPath().getString("code")).isEqualTo("RemoteSourceError");
        assertThat(response.jsonPath().getString("message")).contains("timed out");
        assertThat(System.nanoTime() - started).as("it gave up after about the read timeout").isLessThan(15_000_000_000L);
        assertLeftNothing(id);
    }

    private Response importFromPeer(UUID id) {
        return owner.signed().post("/" + owner.login() + "/images?action=import-from-datacenter&datacenter=stalled&id=" + id);
    }

    private void assertLeftNothing(UUID id) {
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
     * {@link #TRICKLE} answers the image and the first bytes of its file, never closing. For
     * {@link #WHOLE} it answers the image and its whole file.
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
                if (requestLine.contains(WHOLE.toString())) {
                    boolean file = requestLine.contains("/file ");
                    byte[] body = file ? WHOLE_FILE : image(WHOLE).getBytes(StandardCharsets.UTF_8);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + (file ? "application/octet-stream" : "application/json")
                            + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                    return;
                }
                if (requestLine.contains(TRICKLE.toString())) {
                    if (requestLine.contains("/file ")) {
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                                + FILE_SIZE + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(new byte[FILE_SIZE / 4]);
                    } else {
                        byte[] body = image(TRICKLE).getBytes(StandardCharsets.UTF_8);
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

        private static String image(UUID id) {
            return "{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"version\":\"1.0.0\",\"os\":\"smartos\","
                    + "\"type\":\"zone-dataset\",\"requirements\":{},\"owner\":\"" + OWNER + "\",\"public\":false,"
                    + "\"state\":\"active\",\"published_at\":\"2020-01-01T00:00:00Z\",\"files\":[{\"sha1\":\""
                    + (id.equals(WHOLE) ? sha1(WHOLE_FILE) : "0".repeat(40)) + "\",\"size\":" + FILE_SIZE + ",\"compression\":\"gzip\"}]}";
        }

        private static String sha1(byte[] content) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
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
