package dev.imageservice.application.port.out;

import dev.imageservice.domain.job.ImageJob;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The durable queue of image jobs. It only stores jobs: their transitions are the domain's
 * {@link ImageJob}. Each call runs in the caller's transaction; a job read to be changed is read
 * with {@link #lock} or {@link #lockNextClaimable}, so that two workers (or a worker and its
 * heartbeat) never overwrite each other's change.
 */
public interface ImageJobs {

    void add(ImageJob job);

    /** The job as stored, without a lock: for reading only. */
    Optional<ImageJob> findById(UUID id);

    /** The job, its row locked until the caller's transaction ends. */
    Optional<ImageJob> lock(UUID id);

    /**
     * The oldest job that is {@linkplain ImageJob#isClaimable claimable} at {@code now}, locked until the
     * caller's transaction ends; empty when none is.
     */
    Optional<ImageJob> lockNextClaimable(Instant now);

    /** Stores the changes made to a job read with a lock. */
    void update(ImageJob job);

    /** The image's most recent job, without a lock: for reading only. */
    Optional<ImageJob> latestForImage(UUID imageId);

    /** Jobs in {@code state} (every job when null), oldest first. */
    List<ImageJob> list(ImageJob.State state);

    /** Unfinished jobs created before {@code cutoff}. */
    List<ImageJob> unfinishedCreatedBefore(Instant cutoff);
}
