package dev.imageservice.bootstrap.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A client that reads a large ListImages answer more slowly than the transaction timeout allows still
 * gets the whole list: the listing holds no transaction while the client keeps the server waiting.
 */
@QuarkusTest
@TestProfile(SlowListingReaderTest.ShortTransactions.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowListingReaderTest {

    private static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(2);
    /** 8 KiB of JSON per image: 1,000 of them are far more than the socket buffers between server and client hold. */
    private static final String DESCRIPTION = "x".repeat(8000);
    private static final int IMAGES = 1000;

    public static class ShortTransactions implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.transaction-manager.default-transaction-timeout", TRANSACTION_TIMEOUT.toMillis() + "ms",
                    "images.jobs.enabled", "false",
                    "images.data-dir", "target/test-data-slow-listing");
        }
    }

    @Inject
    TestData data;

    private Caller owner;
    private final List<String> ids = new ArrayList<>();

    @BeforeAll
    void seed() {
        owner = Caller.create(data, "slow");
        for (int i = 0; i < IMAGES; i++) {
            ids.add(data.image(owner.account(), "slow-" + i).description(DESCRIPTION).add().id().toString());
        }
    }

    @Test
    void aClientReadingSlowerThanTheTransactionTimeoutGetsTheWholeList() throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        String target = "/my/images?owner=" + owner.id();
        String date = SignatureFilter.now();
        String request = "GET " + target + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\nDate: " + date
                + "\r\nAuthorization: Signature keyId=\"/" + owner.login() + "/keys/" + owner.key().md5Fingerprint()
                + "\",algorithm=\"rsa-sha256\",headers=\"(request-target) date\",signature=\""
                + owner.key().sign("(request-target): get " + target + "\ndate: " + date) + "\"\r\n\r\n";
        RawHttp.Answer answer;
        try (Socket socket = new Socket()) {
            // A small window, so that the server soon waits for the client.
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            int first = in.read();
            Thread.sleep(TRANSACTION_TIMEOUT.multipliedBy(2).toMillis());
            answer = RawHttp.read(new SequenceInputStream(new ByteArrayInputStream(new byte[] {(byte) first}), in), false);
        }

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers()).containsEntry("transfer-encoding", "chunked");
        List<Map<String, Object>> listed = new ObjectMapper().readValue(answer.body(), new TypeReference<>() { });
        assertThat(listed).extracting(image -> image.get("id")).containsExactlyElementsOf(ids);
    }
}
