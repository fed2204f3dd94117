package dev.imageservice.application.port.in;

import dev.imageservice.domain.image.Image;

/**
 * Seeds an image from an IMGAPI manifest, as IMGAPI's operator-only AdminImportImage does: the
 * manifest's {@code uuid} and {@code published_at} are kept. With a file, the file must match the
 * manifest's {@code files[0]} (size and SHA-1) and the image is activated; without one it stays
 * {@code unactivated}.
 */
public interface ImportImageUseCase {

    Image importImage(ImportImageCommand command);
}
