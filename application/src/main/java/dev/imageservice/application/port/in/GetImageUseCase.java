package dev.imageservice.application.port.in;

import dev.imageservice.domain.image.Image;

/** GetImage: one image the caller may see; anything else is not found. */
public interface GetImageUseCase {

    Image getImage(GetImageQuery query);
}
