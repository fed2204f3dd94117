package dev.imageservice.application.port.in;

import dev.imageservice.domain.image.Image;
import java.util.function.Consumer;

/** ListImages: the images the caller may see, filtered, oldest publication first. */
public interface ListImagesUseCase {

    /**
     * The images, handed to {@code each} one at a time as they are read, in pages each read in a short
     * transaction of its own: nothing holds them all at once, and however long {@code each} takes, no
     * transaction (nor its database connection) waits for it.
     */
    void forEachImage(ListImagesQuery query, Consumer<Image> each);
}
