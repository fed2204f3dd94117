package dev.imageservice.application.port.out;

import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.job.ImageJob;
import java.util.Map;

/**
 * What the service holds, counted where it is stored (so every instance on one database reports the
 * same): for the metrics gauges. A few aggregate queries, no rows loaded.
 */
public interface Inventory {

    Counts count();

    /**
     * @param imagesByState  states with no image are absent
     * @param jobsByState    states with no job are absent
     * @param fileStoreBytes the stored size of all image files, each content counted once however many images share it
     */
    record Counts(Map<ImageState, Long> imagesByState, Map<ImageJob.State, Long> jobsByState, long fileStoreBytes) {
    }
}
