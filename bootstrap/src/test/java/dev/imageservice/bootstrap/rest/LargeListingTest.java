package dev.imageservice.bootstrap.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imageservice.adapter.rest.pipeline.JsonArrayStreamWriter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * ListImages past the bound up to which an answer is held and digested ({@link JsonArrayStreamWriter}):
 * the answer streams without Content-MD5 and is still the whole list, in order; a smaller one keeps
 * its Content-Length and Content-MD5, and is not also chunked, even when larger than the server's
 * output buffer.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargeListingTest {

    /** About 1.6 KiB of JSON per image: 800 of them make about 1.3 MiB. */
    private static final String DESCRIPTION = "caf\u00e9 ".repeat(300);
    private static final int IMAGES = 800;
    /** Past the server's output buffer (8 KiB), well within the bound. */
    private static final int MEDIUM_IMAGES = 40;

    @Inject
    TestData data;

    private Caller owner;
    private Caller medium;
    private final List<String> ids = new ArrayList<>();

    @BeforeAll
    void seed() {
        owner = Caller.create(data, "large");
        for (int i = 0; i < IMAGES; i++) {
            ids.add(data.image(owner.account(), "large-" + i).description(DESCRIPTION).add().id().toString());
        }
        medium = Caller.create(data, "medium");
        for (int i = 0; i < MEDIUM_IMAGES; i++) {
            data.image(medium.account(), "medium-" + i).description(DESCRIPTION).add();
        }
    }

    @Test
    void aListingPastTheBoundStreamsWholeAndInOrderWithoutContentMd5() throws IOException {
        Response response = owner.signed().get("/my/images?owner=" + owner.id());

        assertThat(response.statusCode()).isEqualTo(200);
        byte[] body = response.asByteArray();
        assertThat(body.length).isGreaterThan(JsonArrayStreamWriter.DIGESTED_UP_TO);
        assertThat(response.header("Content-MD5")).isNull();
        assertThat(response.header("Content-Length")).isNull();
        assertThat(response.header("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(response.header("Content-Type")).startsWith("application/json");
        for (byte b : body) {
            assertThat(b & 0xff).as("every byte is ASCII").isLessThan(0x80);
        }
        List<Map<String, Object>> listed = new ObjectMapper().readValue(body, new TypeReference<>() { });
        assertThat(listed).extracting(image -> image.get("id")).containsExactlyElementsOf(ids);
        assertThat(listed).allSatisfy(image -> assertThat(image).containsEntry("description", DESCRIPTION));

        Response head = owner.signed().head("/my/images?owner=" + owner.id());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.header("Content-MD5")).isNull();
    }

    @Test
    void aListingPastTheOutputBufferWithinTheBoundGoesOutWholeWithItsLengthAndDigestNotChunked() {
        Response response = medium.signed().get("/my/images?owner=" + medium.id());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getList("id")).hasSize(MEDIUM_IMAGES);
        assertThat(response.asByteArray().length).isBetween(32 * 1024, JsonArrayStreamWriter.DIGESTED_UP_TO);
        assertThat(response.header("Transfer-Encoding")).isNull();
        ResponseHeadersTest.assertBodyDigest(response);
    }

    @Test
    void aListingWithinTheBoundKeepsItsLengthAndDigest() {
        Response response = owner.signed().get("/my/images?owner=" + owner.id() + "&name=large-7");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getList("id")).containsExactly(ids.get(7));
        ResponseHeadersTest.assertBodyDigest(response);
    }
}
