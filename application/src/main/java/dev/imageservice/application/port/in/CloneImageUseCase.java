package dev.imageservice.application.port.in;

import dev.imageservice.domain.image.Image;

/** CloneImage: an independent copy, owned by the caller, of an image shared with them. */
public interface CloneImageUseCase {

    Image cloneImage(CloneImageCommand command);
}
