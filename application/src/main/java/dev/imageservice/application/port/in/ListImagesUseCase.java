package dev.imageservice.application.port.in;

import dev.imageservice.domain.image.Image;
import java.util.function.Consumer;

/** ListImages: the images the caller may see, filtered, oldest publication first. */
public interface ListImagesUseCase {

    /**
     * The images, handed to {@code each} one at a time as they are read, inside
     * one read-only transaction that lasts until the last is handed over: nothing holds them all at once.
     */
    void forEachImage(ListImagesQuery query, Consumer<Image> each);
}
