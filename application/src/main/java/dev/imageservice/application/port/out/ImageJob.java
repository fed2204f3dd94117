package dev.imageservice.application.port.out;

import java.time.Instant;
import java.util.UUID;

/**
 * One asynchronous image creation.
 *
 * @param machineStopped the job stopped a running machine and owes it a start
 */
public record ImageJob(UUID id, UUID imageId, UUID machineId, String compression, State state,
                       long progressBytes, int attempts, String error, boolean machineStopped,
                       Instant created, Instant updated, Instant leaseUntil) {

    public enum State { QUEUED, RUNNING, SUCCEEDED, FAILED }

    public static ImageJob queued(UUID id, UUID imageId, UUID machineId, String compression, Instant now) {
        return new ImageJob(id, imageId, machineId, compression, State.QUEUED, 0, 0, null, false, now, now, null);
    }
}
