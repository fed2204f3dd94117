package dev.imageservice.application.port.in;

import dev.imageservice.domain.image.Image;

/**
 * What became of one import of many: the image, or why it was refused (a DomainException, or the
 * failure reading its file).
 */
public record ImportResult(Image image, RuntimeException refusal) {

    public static ImportResult imported(Image image) {
        return new ImportResult(image, null);
    }

    public static ImportResult refused(RuntimeException refusal) {
        return new ImportResult(null, refusal);
    }
}
