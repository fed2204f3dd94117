package dev.imageservice.application.service;

import dev.imageservice.application.port.out.ImageJobs;
import dev.imageservice.domain.job.ImageJob;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The job queue in memory. Like rows, reads hand out copies: a change counts once it is stored with
 * {@link #update}. Locks are not needed where one thread runs.
 */
final class InMemoryImageJobs implements ImageJobs {

    private final Map<UUID, ImageJob> stored = new LinkedHashMap<>();

    @Override
    public void add(ImageJob job) {
        stored.put(job.id(), copy(job));
    }

    @Override
    public Optional<ImageJob> findById(UUID id) {
        return Optional.ofNullable(stored.get(id)).map(InMemoryImageJobs::copy);
    }

    @Override
    public Optional<ImageJob> lock(UUID id) {
        return findById(id);
    }

    @Override
    public Optional<ImageJob> lockNextClaimable(Instant now) {
        return stored.values().stream().filter(job -> job.isClaimable(now))
                .min(Comparator.comparing(ImageJob::created)).map(InMemoryImageJobs::copy);
    }

    @Override
    public void update(ImageJob job) {
        stored.put(job.id(), copy(job));
    }

    @Override
    public Optional<ImageJob> latestForImage(UUID imageId) {
        return stored.values().stream().filter(job -> job.imageId().equals(imageId))
                .max(Comparator.comparing(ImageJob::created)).map(InMemoryImageJobs::copy);
    }

    @Override
    public List<ImageJob> list(ImageJob.State state) {
        return stored.values().stream().filter(job -> state == null || job.state() == state)
                .sorted(Comparator.comparing(ImageJob::created)).map(InMemoryImageJobs::copy).toList();
    }

    @Override
    public List<ImageJob> unfinishedCreatedBefore(Instant cutoff) {
        return stored.values().stream().filter(job -> !job.state().isFinished() && job.created().isBefore(cutoff))
                .map(InMemoryImageJobs::copy).toList();
    }

    boolean isEmpty() {
        return stored.isEmpty();
    }

    private static ImageJob copy(ImageJob job) {
        return ImageJob.restore(job.id(), job.imageId(), job.machineId(), job.compression(), job.state(),
                job.progressBytes(), job.progressTotal(), job.attempts(), job.error(), job.machineStopped(),
                job.created(), job.started(), job.updated(), job.leaseUntil());
    }
}
