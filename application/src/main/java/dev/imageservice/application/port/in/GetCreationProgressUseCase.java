package dev.imageservice.application.port.in;

import dev.imageservice.domain.job.ImageJob;
import java.util.Optional;
import java.util.UUID;

/**
 * How far an image's creation has got, as its job last recorded it (about once a second, in the
 * database, so any instance sees it). For callers that already checked the image is visible to
 * their client, such as a running WatchImage.
 */
public interface GetCreationProgressUseCase {

    /** The image's most recent creation job; empty for an image no job created. */
    Optional<ImageJob> creationJob(UUID imageId);
}
