package dev.imageservice.bootstrap.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * One finished request, REST or gRPC: one access-log line (logger {@code images.access}) and one
 * sample of {@code images_requests_seconds}, tagged by operation (never by path: ids would make every
 * image a series of its own), protocol and status class. The line's fields are also in the MDC while
 * it is logged, so the JSON log format carries them as fields.
 */
@ApplicationScoped
public class RequestTelemetry {

    static final String ACCESS_LOG = "images.access";
    static final String REQUESTS = "images.requests";

    private static final Logger LOG = Logger.getLogger(ACCESS_LOG);

    private final MeterRegistry registry;
    private final Map<Series, Timer> timers = new ConcurrentHashMap<>();

    @Inject
    public RequestTelemetry(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param target      what was asked: {@code GET /alice/images/ID} or the gRPC method's full name
     * @param status      the status as the protocol shows it: {@code 200}, {@code NOT_FOUND}
     * @param statusClass {@code 2xx}, {@code 4xx} or {@code 5xx}
     */
    void record(String protocol, String operation, String target, String status, String statusClass,
                String requestId, String login, long nanos) {
        timers.computeIfAbsent(new Series(operation, protocol, statusClass), this::register).record(nanos, TimeUnit.NANOSECONDS);
        String millis = tenthsOfMillis(nanos);
        MDC.put("requestId", requestId);
        MDC.put("login", login);
        MDC.put("operation", operation);
        MDC.put("status", status);
        MDC.put("durationMs", millis);
        try {
            // Built by hand: a format string is parsed again on every call, and this runs on every request.
            LOG.info(new StringBuilder(160).append(protocol).append(' ').append(operation).append(' ').append(target)
                    .append(" -> ").append(status).append(" in ").append(millis).append(" ms login=").append(login)
                    .append(" request-id=").append(requestId).toString());
        } finally {
            MDC.remove("requestId");
            MDC.remove("login");
            MDC.remove("operation");
            MDC.remove("status");
            MDC.remove("durationMs");
        }
    }

    /** Registered once per series: a registration looks the meter up by its full id, tags and all. */
    private Timer register(Series series) {
        return Timer.builder(REQUESTS)
                .description("Requests by CloudAPI operation, protocol and status class")
                .tags("operation", series.operation(), "protocol", series.protocol(), "status", series.statusClass())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(1))
                .register(registry);
    }

    /** {@code 12.3}: milliseconds to one decimal, rounded half up. */
    static String tenthsOfMillis(long nanos) {
        long tenths = (nanos + 50_000) / 100_000;
        return (tenths / 10) + "." + (tenths % 10);
    }

    private record Series(String operation, String protocol, String statusClass) {
    }
}
