package dev.imageservice.bootstrap.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
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
        Timer.builder(REQUESTS)
                .description("Requests by CloudAPI operation, protocol and status class")
                .tags("operation", operation, "protocol", protocol, "status", statusClass)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(1))
                .register(registry)
                .record(Duration.ofNanos(nanos));
        String millis = String.format(Locale.ROOT, "%.1f", nanos / 1e6);
        MDC.put("requestId", requestId);
        MDC.put("login", login);
        MDC.put("operation", operation);
        MDC.put("status", status);
        MDC.put("durationMs", millis);
        try {
            LOG.infof("%s %s %s -> %s in %s ms login=%s request-id=%s", protocol, operation, target, status, millis,
                    login, requestId);
        } finally {
            MDC.remove("requestId");
            MDC.remove("login");
            MDC.remove("operation");
            MDC.remove("status");
            MDC.remove("durationMs");
        }
    }
}
