package dev.imageservice.application.port.in;

import dev.imageservice.domain.image.Image;

/** UpdateImage: the owner changes name, version, description, homepage, eula, acl or tags. */
public interface UpdateImageUseCase {

    Image updateImage(UpdateImageCommand command);
}
