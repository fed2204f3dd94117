package dev.imageservice.application.port.in;

import dev.imageservice.domain.job.ImageJob;
import java.util.List;

/** Operator tool: the image jobs in the queue, to see what runs, what waits and how far each got. */
public interface ListImageJobsUseCase {

    /** Jobs in {@code state} (every job when null), oldest first. */
    List<ImageJob> listJobs(ImageJob.State state);
}
