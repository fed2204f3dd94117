package dev.imageservice.bootstrap.observe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The access log's duration: what {@code %.1f} printed before, without a format string per request. */
class RequestTelemetryTest {

    @Test
    void durationIsInMillisecondsToOneDecimalRoundedHalfUp() {
        assertThat(RequestTelemetry.tenthsOfMillis(0)).isEqualTo("0.0");
        assertThat(RequestTelemetry.tenthsOfMillis(49_999)).isEqualTo("0.0");
        assertThat(RequestTelemetry.tenthsOfMillis(50_000)).isEqualTo("0.1");
        assertThat(RequestTelemetry.tenthsOfMillis(1_234_567)).isEqualTo("1.2");
        assertThat(RequestTelemetry.tenthsOfMillis(9_960_000)).isEqualTo("10.0");
        assertThat(RequestTelemetry.tenthsOfMillis(61_000_000_000L)).isEqualTo("61000.0");
    }
}
