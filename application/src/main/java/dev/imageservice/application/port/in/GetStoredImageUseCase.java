package dev.imageservice.application.port.in;

import dev.imageservice.domain.image.Image;
import java.util.Optional;
import java.util.UUID;

/**
 * The image as the database holds it now, whichever instance changed it last. For callers that
 * already checked the image is visible to their client, such as a running WatchImage.
 */
public interface GetStoredImageUseCase {

    Optional<Image> storedImage(UUID imageId);
}
