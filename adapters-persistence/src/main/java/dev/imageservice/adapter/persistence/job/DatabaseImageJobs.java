package dev.imageservice.adapter.persistence.job;

import dev.imageservice.application.port.out.ImageJobs;
import dev.imageservice.domain.image.Compression;
import dev.imageservice.domain.job.ImageJob;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The job queue as rows. It only stores jobs: what a transition does is the domain's
 * {@link ImageJob}. Rows read to be changed are locked, so two workers never take the same job.
 */
@ApplicationScoped
public class DatabaseImageJobs implements ImageJobs {

    private static final String QUEUED = ImageJob.State.QUEUED.name();
    private static final String RUNNING = ImageJob.State.RUNNING.name();

    @Override
    public void add(ImageJob job) {
        ImageJobEntity row = new ImageJobEntity();
        row.id = job.id();
        copyInto(job, row);
        row.persist();
    }

    @Override
    public Optional<ImageJob> findById(UUID id) {
        return ImageJobEntity.<ImageJobEntity>findByIdOptional(id).map(DatabaseImageJobs::toDomain);
    }

    @Override
    public Optional<ImageJob> lock(UUID id) {
        return ImageJobEntity.<ImageJobEntity>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .map(DatabaseImageJobs::toDomain);
    }

    /** {@link ImageJob#isClaimable} as a query. */
    @Override
    public Optional<ImageJob> lockNextClaimable(Instant now) {
        return ImageJobEntity.<ImageJobEntity>find(
                        "state = :queued or (state = :running and leaseUntil < :now)", Sort.by("created"),
                        Parameters.with("queued", QUEUED).and("running", RUNNING).and("now", now))
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional()
                .map(DatabaseImageJobs::toDomain);
    }

    @Override
    public void update(ImageJob job) {
        ImageJobEntity row = ImageJobEntity.findById(job.id());
        if (row == null) {
            throw new IllegalStateException("image job " + job.id() + " is not stored");
        }
        copyInto(job, row);
    }

    @Override
    public List<ImageJob> unfinishedCreatedBefore(Instant cutoff) {
        return ImageJobEntity.<ImageJobEntity>list("state in (:states) and created < :cutoff",
                        Parameters.with("states", List.of(QUEUED, RUNNING)).and("cutoff", cutoff)).stream()
                .map(DatabaseImageJobs::toDomain).toList();
    }

    private static void copyInto(ImageJob job, ImageJobEntity row) {
        row.imageId = job.imageId();
        row.machineId = job.machineId();
        row.compression = job.compression().wireName();
        row.state = job.state().name();
        row.progressBytes = job.progressBytes();
        row.progressTotal = job.progressTotal();
        row.attempts = job.attempts();
        row.error = job.error();
        row.machineStopped = job.machineStopped();
        row.created = job.created();
        row.started = job.started();
        row.updated = job.updated();
        row.leaseUntil = job.leaseUntil();
    }

    private static ImageJob toDomain(ImageJobEntity row) {
        return ImageJob.restore(row.id, row.imageId, row.machineId, Compression.of(row.compression),
                ImageJob.State.valueOf(row.state), row.progressBytes, row.progressTotal, row.attempts, row.error,
                row.machineStopped, row.created, row.started, row.updated, row.leaseUntil);
    }
}
