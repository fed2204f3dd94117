package dev.imageservice.bootstrap.observe;

import dev.imageservice.application.port.out.AuthenticationFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;

/** {@code images_auth_failures_total{reason}}: every reason is there from the start, at 0. */
@ApplicationScoped
public class AuthenticationFailureCounter implements AuthenticationFailures {

    private final Map<Reason, Counter> counters = new EnumMap<>(Reason.class);

    @Inject
    public AuthenticationFailureCounter(MeterRegistry registry) {
        for (Reason reason : Reason.values()) {
            counters.put(reason, Counter.builder("images.auth.failures")
                    .description("Refused authentications, REST and gRPC, by the reason the caller is not told")
                    .tag("reason", reason.label())
                    .register(registry));
        }
    }

    @Override
    public void refused(Reason reason) {
        counters.get(reason).increment();
    }
}
