package dev.imageservice.bootstrap.health;

import dev.imageservice.application.port.out.ExportStore;
import dev.imageservice.application.port.out.ImageFileStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the two stores, each through its port, so whichever adapter serves the store is the
 * one probed. A store that cannot be written is DOWN with the reason (the place and the error): image
 * creation, import and export would fail on it.
 */
@ApplicationScoped
public class StoreReadiness {

    @Produces
    @Readiness
    HealthCheck fileStore(ImageFileStore files) {
        return () -> probe("file store", files::checkWritable);
    }

    @Produces
    @Readiness
    HealthCheck exportStore(ExportStore exports) {
        return () -> probe("export store", exports::checkWritable);
    }

    private static HealthCheckResponse probe(String name, Runnable check) {
        try {
            check.run();
            return HealthCheckResponse.up(name);
        } catch (RuntimeException e) {
            return HealthCheckResponse.named(name).down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
