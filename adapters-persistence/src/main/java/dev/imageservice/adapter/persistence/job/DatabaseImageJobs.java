package dev.imageservice.adapter.persistence.job;

import dev.imageservice.application.port.out.ImageJob;
import dev.imageservice.application.port.out.ImageJobs;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The job queue as rows; a claim locks the row so two workers never take the same job. */
@ApplicationScoped
public class DatabaseImageJobs implements ImageJobs {

    private static final String QUEUED = ImageJob.State.QUEUED.name();
    private static final String RUNNING = ImageJob.State.RUNNING.name();

    @Override
    public void add(ImageJob job) {
        ImageJobEntity row = new ImageJobEntity();
        row.id = job.id();
        row.imageId = job.imageId();
        row.machineId = job.machineId();
        row.compression = job.compression();
        row.state = job.state().name();
        row.progressBytes = job.progressBytes();
        row.attempts = job.attempts();
        row.error = job.error();
        row.machineStopped = job.machineStopped();
        row.created = job.created();
        row.updated = job.updated();
        row.leaseUntil = job.leaseUntil();
        row.persist();
    }

    @Override
    public Optional<ImageJob> findById(UUID id) {
        return ImageJobEntity.<ImageJobEntity>findByIdOptional(id).map(DatabaseImageJobs::toDomain);
    }

    @Override
    public Optional<ImageJob> claimNext(Instant now, Instant leaseUntil) {
        Optional<ImageJobEntity> next = ImageJobEntity.<ImageJobEntity>find(
                        "state = :queued or (state = :running and leaseUntil < :now)", Sort.by("created"),
                        Parameters.with("queued", QUEUED).and("running", RUNNING).and("now", now))
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
        next.ifPresent(row -> {
            row.state = RUNNING;
            row.attempts++;
            row.leaseUntil = leaseUntil;
            row.updated = now;
        });
        return next.map(DatabaseImageJobs::toDomain);
    }

    @Override
    public void heartbeat(UUID id, long progressBytes, Instant leaseUntil) {
        ImageJobEntity row = ImageJobEntity.findById(id);
        if (row != null && RUNNING.equals(row.state)) {
            row.progressBytes = progressBytes;
            row.leaseUntil = leaseUntil;
        }
    }

    @Override
    public void markMachineStopped(UUID id, boolean stopped) {
        ImageJobEntity row = ImageJobEntity.findById(id);
        if (row != null) {
            row.machineStopped = stopped;
        }
    }

    @Override
    public void finish(UUID id, ImageJob.State state, String error, Instant now) {
        ImageJobEntity row = ImageJobEntity.findById(id);
        if (row != null) {
            row.state = state.name();
            row.error = error;
            row.updated = now;
            row.leaseUntil = null;
        }
    }

    @Override
    public List<ImageJob> unfinishedCreatedBefore(Instant cutoff) {
        return ImageJobEntity.<ImageJobEntity>list("state in (:states) and created < :cutoff",
                        Parameters.with("states", List.of(QUEUED, RUNNING)).and("cutoff", cutoff)).stream()
                .map(DatabaseImageJobs::toDomain).toList();
    }

    private static ImageJob toDomain(ImageJobEntity row) {
        return new ImageJob(row.id, row.imageId, row.machineId, row.compression, ImageJob.State.valueOf(row.state),
                row.progressBytes, row.attempts, row.error, row.machineStopped, row.created, row.updated,
                row.leaseUntil);
    }
}
