package dev.imageservice.adapter.rest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The Date header, which is formatted once per second and reused within it. */
class CloudApiHeadersTest {

    @Test
    void eachSecondHasItsOwnDateAndTheSameSecondTheSame() {
        Instant second = Instant.parse("2026-12-02T16:30:05Z");

        assertThat(CloudApiHeaders.httpDate(second)).isEqualTo("Wed, 02 Dec 2026 16:30:05 GMT");
        assertThat(CloudApiHeaders.httpDate(second.plusMillis(999))).isEqualTo("Wed, 02 Dec 2026 16:30:05 GMT");
        assertThat(CloudApiHeaders.httpDate(second.plusSeconds(1))).isEqualTo("Wed, 02 Dec 2026 16:30:06 GMT");
        assertThat(CloudApiHeaders.httpDate(second.minusSeconds(86_400))).isEqualTo("Tue, 01 Dec 2026 16:30:05 GMT");
    }
}
