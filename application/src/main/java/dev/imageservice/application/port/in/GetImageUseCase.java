package dev.imageservice.application.port.in;

import dev.imageservice.domain.image.Image;
import java.util.Optional;

/**
 * GetImage: one image the caller may see; anything else is not found. The image may be up to
 * {@code ImageRepository.RECENT} old when another instance changed it; a change made through this
 * instance is seen at once.
 */
public interface GetImageUseCase {

    Image getImage(GetImageQuery query);

    /**
     * As {@link #getImage} when this instance read the image recently enough; empty when it would have
     * to read it (an image not at hand is not yet known to be absent).
     */
    Optional<Image> getImageFromMemory(GetImageQuery query);
}
