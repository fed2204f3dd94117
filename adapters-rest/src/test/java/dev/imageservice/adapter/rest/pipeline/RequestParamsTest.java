package dev.imageservice.adapter.rest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.imageservice.adapter.rest.error.ErrorStatus;
import dev.imageservice.adapter.rest.error.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CloudAPI's one parameter set: the query merged with the JSON body's members, the body winning. */
class RequestParamsTest {

    @Test
    void bodyMembersWinOverTheQuery_andTheQueryFillsTheRest() {
        RequestParams params = RequestParams.merge(
                Map.of("action", List.of("update"), "manta_path", List.of("/alice/stor/x")),
                json("{\"action\": \"export\", \"n\": 3, \"flag\": true}"));

        assertThat(params.text("action")).isEqualTo("export");
        assertThat(params.text("manta_path")).isEqualTo("/alice/stor/x");
        assertThat(params.text("n")).isEqualTo("3");
        assertThat(params.text("flag")).isEqualTo("true");
        assertThat(params.value("n")).isEqualTo(3);
        assertThat(params.text("absent")).isNull();
    }

    @Test
    void aRepeatedQueryParameterCountsOnce_andAnEmptyOneNotAtAll() {
        RequestParams params = RequestParams.merge(Map.of("state", List.of("all", "active"), "name", List.of()), null);

        assertThat(params.text("state")).isEqualTo("all");
        assertThat(params.has("name")).isFalse();
    }

    @Test
    void aJsonNullBodyOrNoBodyAddsNothing() {
        assertThat(RequestParams.merge(Map.of(), json("null")).asMap()).isEmpty();
        assertThat(RequestParams.merge(Map.of(), new byte[0]).asMap()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"action\": ", "[1, 2]", "\"text\"", "not json"})
    void aBodyThatIsNotAJsonObjectIsInvalidContent(String body) {
        ProtocolException refused = catchThrowableOfType(ProtocolException.class,
                () -> RequestParams.merge(Map.of(), json(body)));

        assertThat(refused.error()).isEqualTo(ErrorStatus.Protocol.INVALID_CONTENT);
        assertThat(refused.error().status()).isEqualTo(400);
    }

    @Test
    void aBodyOverTheLimitIsTooLarge() {
        byte[] body = new byte[RequestParams.MAX_BODY_BYTES + 1];

        ProtocolException refused = catchThrowableOfType(ProtocolException.class,
                () -> RequestParams.merge(Map.of(), body));

        assertThat(refused.error().status()).isEqualTo(413);
        assertThat(refused.error().wireName()).isEqualTo("RequestEntityTooLargeError");
    }

    @Test
    void aMissingOrEmptyRequiredParameterIsMissingParameter() {
        RequestParams params = RequestParams.merge(Map.of("datacenter", List.of("")), null);

        for (String name : List.of("datacenter", "id")) {
            ProtocolException refused = catchThrowableOfType(ProtocolException.class, () -> params.required(name));
            assertThat(refused.error().status()).isEqualTo(409);
            assertThat(refused.error().wireName()).isEqualTo("MissingParameter");
            assertThat(refused).hasMessage(name + " is required");
        }
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
