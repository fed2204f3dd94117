package dev.imageservice.bootstrap.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imageservice.bootstrap.packaged.PackagedServer.ClientAccount;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON log format, as README.md has an operator turn it on: one setting, and every line is an object. */
class JsonLogIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void oneSettingMakesEveryLineAJsonObjectCarryingTheAccessLogsFields() {
        try (PackagedServer server = PackagedServer.create("json-log")
                .set("quarkus.log.console.json.enabled", "true").start()) {
            ClientAccount alice = server.addAccount("alice", false);

            HttpResponse<byte[]> listed = server.request(alice, "GET", "/" + alice.login() + "/images", null);

            assertThat(listed.statusCode()).isEqualTo(200);
            String requestId = listed.headers().firstValue("Request-Id").orElseThrow();
            JsonNode access = awaitAccessRecord(server, requestId);
            assertThat(access.path("message").asText()).startsWith("REST ListImages GET /" + alice.login() + "/images -> 200");
            JsonNode fields = access.path("mdc");
            assertThat(fields.path("login").asText()).isEqualTo(alice.login());
            assertThat(fields.path("operation").asText()).isEqualTo("ListImages");
            assertThat(fields.path("status").asText()).isEqualTo("200");
            assertThat(Double.parseDouble(fields.path("durationMs").asText())).isNotNegative();
        }
    }

    /** The access record of the request, once written; meanwhile every line the server printed must be JSON. */
    private static JsonNode awaitAccessRecord(PackagedServer server, String requestId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            String log = server.log();
            // A line still being written is read on the next round.
            List<JsonNode> records = log.substring(0, log.lastIndexOf('\n') + 1).lines()
                    .map(line -> parse(line, server)).toList();
            List<JsonNode> access = records.stream()
                    .filter(record -> record.path("loggerName").asText().equals("images.access")
                            && record.path("mdc").path("requestId").asText().equals(requestId))
                    .toList();
            if (!access.isEmpty() || Instant.now().isAfter(deadline)) {
                assertThat(access).as(server.log()).hasSize(1);
                return access.get(0);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static JsonNode parse(String line, PackagedServer server) {
        try {
            JsonNode record = JSON.readTree(line);
            assertThat(record.isObject()).as(line).isTrue();
            return record;
        } catch (JsonProcessingException e) {
            throw new AssertionError("not a JSON line: " + line + "\nin:\n" + server.log(), e);
        }
    }
}
