package dev.imageservice.bootstrap.health;

import dev.imageservice.bootstrap.jobs.ImageJobDriver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the image job worker: an instance whose worker stopped would accept image creations
 * that no one here works. Turned off on purpose ({@code images.jobs.enabled=false}), it is UP and says so.
 */
@Readiness
@ApplicationScoped
public class JobWorkerReadiness implements HealthCheck {

    static final String NAME = "image job worker";

    private final ImageJobDriver driver;

    @Inject
    public JobWorkerReadiness(ImageJobDriver driver) {
        this.driver = driver;
    }

    @Override
    public HealthCheckResponse call() {
        return switch (driver.status()) {
            case RUNNING -> HealthCheckResponse.named(NAME).up().withData("workers", driver.workers()).build();
            case DISABLED -> HealthCheckResponse.named(NAME).up().withData("workers", "disabled (images.jobs.enabled=false)").build();
            case STOPPED -> HealthCheckResponse.named(NAME).down().withData("error", "the job worker threads are not running").build();
        };
    }
}
