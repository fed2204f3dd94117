package dev.imageservice.application.port.in;

import dev.imageservice.domain.image.Image;

/**
 * GetImage: one image the caller may see; anything else is not found. The image may be up to
 * {@code ImageRepository.RECENT} old when another instance changed it; a change made through this
 * instance is seen at once.
 */
public interface GetImageUseCase {

    Image getImage(GetImageQuery query);
}
