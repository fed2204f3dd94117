package dev.imageservice.domain.job;

import dev.imageservice.domain.image.Compression;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One asynchronous image creation: snapshot a machine's disk into the image's file. A job is
 * {@code QUEUED} until a worker claims it; a claim makes it {@code RUNNING}, counts an attempt and
 * leases it to that worker until {@link #leaseUntil()}. The worker keeps the lease alive while it
 * works; when its process dies the lease runs out and the job is claimable again, up to a limit of
 * attempts. It ends {@code SUCCEEDED} or {@code FAILED}, and an ended job never moves again.
 */
public final class ImageJob {

    public enum State {
        QUEUED, RUNNING, SUCCEEDED, FAILED;

        public boolean isFinished() {
            return this == SUCCEEDED || this == FAILED;
        }
    }

    private final UUID id;
    private final UUID imageId;
    private final UUID machineId;
    private final Compression compression;
    private final Instant created;
    private State state;
    private long progressBytes;
    private long progressTotal;
    private int attempts;
    private String error;
    private boolean machineStopped;
    private Instant started;
    private Instant updated;
    private Instant leaseUntil;

    private ImageJob(UUID id, UUID imageId, UUID machineId, Compression compression, State state, long progressBytes,
                     long progressTotal, int attempts, String error, boolean machineStopped, Instant created,
                     Instant started, Instant updated, Instant leaseUntil) {
        this.id = Objects.requireNonNull(id, "id");
        this.imageId = Objects.requireNonNull(imageId, "imageId");
        this.machineId = Objects.requireNonNull(machineId, "machineId");
        this.compression = Objects.requireNonNull(compression, "compression");
        this.state = Objects.requireNonNull(state, "state");
        this.progressBytes = progressBytes;
        this.progressTotal = progressTotal;
        this.attempts = attempts;
        this.error = error;
        this.machineStopped = machineStopped;
        this.created = Objects.requireNonNull(created, "created");
        this.started = started;
        this.updated = Objects.requireNonNull(updated, "updated");
        this.leaseUntil = leaseUntil;
    }

    /** A new job, waiting for a worker. */
    public static ImageJob queued(UUID id, UUID imageId, UUID machineId, Compression compression, Instant now) {
        return new ImageJob(id, imageId, machineId, compression, State.QUEUED, 0, 0, 0, null, false, now, null, now, null);
    }

    /** Rebuilds a stored job exactly as it was saved. */
    public static ImageJob restore(UUID id, UUID imageId, UUID machineId, Compression compression, State state,
                                   long progressBytes, long progressTotal, int attempts, String error,
                                   boolean machineStopped, Instant created, Instant started, Instant updated,
                                   Instant leaseUntil) {
        return new ImageJob(id, imageId, machineId, compression, state, progressBytes, progressTotal, attempts, error,
                machineStopped, created, started, updated, leaseUntil);
    }

    /** Queued, or running for a worker whose lease ran out (it died): a worker may take it. */
    public boolean isClaimable(Instant now) {
        return state == State.QUEUED || state == State.RUNNING && leaseUntil != null && leaseUntil.isBefore(now);
    }

    /** A worker takes the job: one more attempt, leased to it until {@code leaseEnd}. */
    public void claim(Instant now, Instant leaseEnd) {
        if (!isClaimable(now)) {
            throw illegal("claimed");
        }
        state = State.RUNNING;
        attempts++;
        started = now;
        leaseUntil = Objects.requireNonNull(leaseEnd, "leaseEnd");
        updated = now;
    }

    /** Claimed more often than {@code maxAttempts}: its workers keep dying, so it should fail rather than run again. */
    public boolean hasExhaustedAttempts(int maxAttempts) {
        return attempts > maxAttempts;
    }

    /**
     * The worker is alive: records the disk bytes read so far (of about {@code bytesTotal}) and
     * extends the lease. A heartbeat
     * that arrives after the job ended changes nothing (it races the end by design), hence the answer.
     *
     * @return whether the job was still running and took the heartbeat
     */
    public boolean heartbeat(long bytesRead, long bytesTotal, Instant now, Instant leaseEnd) {
        if (state != State.RUNNING) {
            return false;
        }
        progressBytes = bytesRead;
        progressTotal = bytesTotal;
        leaseUntil = Objects.requireNonNull(leaseEnd, "leaseEnd");
        updated = now;
        return true;
    }

    /** Whether the job stopped its machine and owes it a start, remembered so that a crash cannot forget it. */
    public void machineStopped(boolean stopped, Instant now) {
        machineStopped = stopped;
        updated = now;
    }

    public void succeed(Instant now) {
        if (state != State.RUNNING) {
            throw illegal("marked succeeded");
        }
        end(State.SUCCEEDED, null, now);
    }

    /** Fails a job that has not ended, queued or running (an expired placeholder fails a queued one). */
    public void fail(String reason, Instant now) {
        if (state.isFinished()) {
            throw illegal("failed");
        }
        end(State.FAILED, Objects.requireNonNull(reason, "reason"), now);
    }

    private void end(State finalState, String reason, Instant now) {
        state = finalState;
        error = reason;
        leaseUntil = null;
        updated = now;
    }

    private IllegalStateException illegal(String action) {
        return new IllegalStateException("image job " + id + " is " + state + " and cannot be " + action);
    }

    public UUID id() {
        return id;
    }

    public UUID imageId() {
        return imageId;
    }

    public UUID machineId() {
        return machineId;
    }

    public Compression compression() {
        return compression;
    }

    public State state() {
        return state;
    }

    /** Bytes of the machine's disk read so far (before compression). */
    public long progressBytes() {
        return progressBytes;
    }

    /** About how many bytes the machine's disk has (what {@link #progressBytes} runs up to); 0 until known. */
    public long progressTotal() {
        return progressTotal;
    }

    /** How many times a worker has claimed the job. */
    public int attempts() {
        return attempts;
    }

    /** Why the job failed ({@code CODE: message}), or null. */
    public String error() {
        return error;
    }

    public boolean machineStopped() {
        return machineStopped;
    }

    public Instant created() {
        return created;
    }

    /** When a worker last claimed the job; null while it was never claimed. */
    public Instant started() {
        return started;
    }

    public Instant updated() {
        return updated;
    }

    /** Until when the job is its worker's; null unless running. */
    public Instant leaseUntil() {
        return leaseUntil;
    }
}
