package dev.imageservice.application.port.out;

import dev.imageservice.domain.image.Image;

/** Where the application announces image state changes, e.g. to clients watching an image. */
public interface ImageEvents {

    /** Called once the change is committed; implementations must not block. */
    void stateChanged(Image image);
}
