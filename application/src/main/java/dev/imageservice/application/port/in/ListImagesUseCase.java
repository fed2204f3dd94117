package dev.imageservice.application.port.in;

import dev.imageservice.domain.image.Image;
import java.util.List;

/** ListImages: the images the caller may see, filtered, oldest publication first. */
public interface ListImagesUseCase {

    List<Image> listImages(ListImagesQuery query);
}
