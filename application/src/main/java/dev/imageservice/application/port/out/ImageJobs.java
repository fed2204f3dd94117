package dev.imageservice.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The durable queue of image jobs. Each call runs in the caller's transaction. */
public interface ImageJobs {

    void add(ImageJob job);

    Optional<ImageJob> findById(UUID id);

    /**
     * Claims the oldest job that is queued, or running with an expired lease (its worker died):
     * marks it running, counts the attempt and leases it until {@code leaseUntil}.
     */
    Optional<ImageJob> claimNext(Instant now, Instant leaseUntil);

    /** Records progress and extends the lease of a running job. */
    void heartbeat(UUID id, long progressBytes, Instant leaseUntil);

    /** Marks that the job stopped the machine and must start it again, even after a crash. */
    void markMachineStopped(UUID id, boolean stopped);

    void finish(UUID id, ImageJob.State state, String error, Instant now);

    /** Unfinished jobs created before {@code cutoff}. */
    List<ImageJob> unfinishedCreatedBefore(Instant cutoff);
}
