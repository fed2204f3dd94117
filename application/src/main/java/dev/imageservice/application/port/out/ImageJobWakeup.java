package dev.imageservice.application.port.out;

/**
 * Lets this instance's job workers take a job it just queued at once, instead of at their next poll
 * of {@link ImageJobs} (which remains for jobs queued elsewhere).
 */
public interface ImageJobWakeup {

    /** A job was queued in the caller's transaction: an idle worker looks for it once that transaction commits. */
    void jobQueued();
}
