package dev.imageservice.adapter.persistence.job;

import dev.imageservice.adapter.persistence.Database;
import dev.imageservice.adapter.persistence.UsesDatabase;
import dev.imageservice.application.port.out.ImageJobs;
import dev.imageservice.domain.image.Compression;
import dev.imageservice.domain.job.ImageJob;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.hibernate.LockMode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The job queue as rows. It only stores jobs: what a transition does is the domain's
 * {@link ImageJob}. Rows read to be changed are locked, so two workers never take the same job.
 */
@ApplicationScoped
@UsesDatabase
public class DatabaseImageJobs implements ImageJobs {

    private static final String QUEUED = ImageJob.State.QUEUED.name();
    private static final String RUNNING = ImageJob.State.RUNNING.name();

    @Inject
    Database db;

    @Override
    public void add(ImageJob job) {
        ImageJobEntity row = new ImageJobEntity();
        row.id = job.id();
        copyInto(job, row);
        db.session().persist(row);
    }

    @Override
    public Optional<ImageJob> findById(UUID id) {
        return Optional.ofNullable(db.session().find(ImageJobEntity.class, id)).map(DatabaseImageJobs::toDomain);
    }

    @Override
    public Optional<ImageJob> lock(UUID id) {
        return Optional.ofNullable(db.session().find(ImageJobEntity.class, id, LockModeType.PESSIMISTIC_WRITE))
                .map(DatabaseImageJobs::toDomain);
    }

    /**
     * {@link ImageJob#isClaimable} as a query. Rows another worker holds locked (it is claiming or
     * renewing them) are skipped ({@code FOR UPDATE SKIP LOCKED}), so idle workers of many instances
     * never queue behind each other.
     */
    @Override
    public Optional<ImageJob> lockNextClaimable(Instant now) {
        return db.session().createSelectionQuery(
                        "from ImageJobEntity where state = :queued or (state = :running and leaseUntil < :now)"
                                + " order by created", ImageJobEntity.class)
                .setParameter("queued", QUEUED).setParameter("running", RUNNING).setParameter("now", now)
                .setHibernateLockMode(LockMode.UPGRADE_SKIPLOCKED)
                .setMaxResults(1)
                .uniqueResultOptional()
                .map(DatabaseImageJobs::toDomain);
    }

    @Override
    public void update(ImageJob job) {
        ImageJobEntity row = db.session().find(ImageJobEntity.class, job.id());
        if (row == null) {
            throw new IllegalStateException("image job " + job.id() + " is not stored");
        }
        copyInto(job, row);
    }

    @Override
    public Optional<ImageJob> latestForImage(UUID imageId) {
        return db.session().createSelectionQuery(
                        "from ImageJobEntity where imageId = :image order by created desc", ImageJobEntity.class)
                .setParameter("image", imageId).setMaxResults(1).uniqueResultOptional().map(DatabaseImageJobs::toDomain);
    }

    @Override
    public List<ImageJob> list(ImageJob.State state) {
        List<ImageJobEntity> rows = state == null
                ? db.session().createSelectionQuery("from ImageJobEntity order by created", ImageJobEntity.class)
                        .getResultList()
                : db.session().createSelectionQuery("from ImageJobEntity where state = :state order by created",
                        ImageJobEntity.class).setParameter("state", state.name()).getResultList();
        return rows.stream().map(DatabaseImageJobs::toDomain).toList();
    }

    @Override
    public List<ImageJob> unfinishedCreatedBefore(Instant cutoff) {
        return db.session().createSelectionQuery("from ImageJobEntity where state in (:states) and created < :cutoff",
                        ImageJobEntity.class)
                .setParameter("states", List.of(QUEUED, RUNNING)).setParameter("cutoff", cutoff).getResultStream()
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
