package dev.imageservice.bootstrap.observe;

import dev.imageservice.application.port.out.Inventory;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.job.ImageJob;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.jboss.logging.Logger;

/**
 * {@code images_images{state}}, {@code images_jobs{state}} (queued and running jobs included) and
 * {@code images_file_store_bytes}, read from the database. One scrape reads every gauge, so the counts
 * are taken once and kept for {@link #FRESHNESS}: a scrape costs three aggregate queries at most.
 */
@ApplicationScoped
public class InventoryGauges {

    static final Duration FRESHNESS = Duration.ofSeconds(1);

    private static final Logger LOG = Logger.getLogger(InventoryGauges.class);

    private final Inventory inventory;
    private Inventory.Counts counts;
    private long countedAt;

    @Inject
    public InventoryGauges(Inventory inventory) {
        this.inventory = inventory;
    }

    void register(@Observes StartupEvent startup, MeterRegistry registry) {
        for (ImageState state : ImageState.values()) {
            gauge(registry, "images.images", "Images by state", state.wireName(),
                    c -> c.imagesByState().getOrDefault(state, 0L));
        }
        for (ImageJob.State state : ImageJob.State.values()) {
            gauge(registry, "images.jobs", "Image jobs by state", state.name().toLowerCase(Locale.ROOT),
                    c -> c.jobsByState().getOrDefault(state, 0L));
        }
        Gauge.builder("images.file.store", this, gauges -> gauges.read(Inventory.Counts::fileStoreBytes))
                .description("Bytes of image files held, shared content counted once").baseUnit("bytes")
                .register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, String state,
                       ToDoubleFunction<Inventory.Counts> value) {
        Gauge.builder(name, this, gauges -> gauges.read(value)).description(description).tag("state", state)
                .register(registry);
    }

    private synchronized double read(ToDoubleFunction<Inventory.Counts> value) {
        long now = System.nanoTime();
        if (counts == null || now - countedAt > FRESHNESS.toNanos()) {
            try {
                counts = inventory.count();
                countedAt = now;
            } catch (RuntimeException e) {
                LOG.warn("counting images for the metrics failed", e);
                return Double.NaN;
            }
        }
        return value.applyAsDouble(counts);
    }
}
