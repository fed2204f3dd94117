package dev.imageservice.application.port.out;

import dev.imageservice.domain.job.ImageJob;
import java.time.Duration;

/**
 * Where the job worker reports what it does, for logs and metrics. Called on the worker's threads:
 * implementations must be quick and must not throw.
 */
public interface ImageJobMonitor {

    /** A worker claimed the job; {@link ImageJob#attempts()} above 1 means it was taken up again. */
    void started(ImageJob job);

    /** The disk bytes read so far of about {@code bytesTotal}; reported about once a second. */
    void progressed(ImageJob job, long bytesDone, long bytesTotal);

    /** A fault of this server's (a bug, an outage), not of the machine or the image, is failing the job. */
    void crashed(ImageJob job, RuntimeException fault);

    /**
     * The job ended: {@code error} is null when it succeeded. {@code bytesRead} counts the machine's
     * disk as read, {@code bytesWritten} the compressed file kept (0 when nothing was).
     */
    void finished(ImageJob job, String error, long bytesRead, long bytesWritten, Duration took);
}
