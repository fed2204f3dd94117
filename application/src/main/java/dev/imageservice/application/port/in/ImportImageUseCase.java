package dev.imageservice.application.port.in;

import dev.imageservice.domain.image.Image;
import java.util.List;

/**
 * Seeds an image from an IMGAPI manifest, as IMGAPI's operator-only AdminImportImage does: the
 * manifest's {@code uuid} and {@code published_at} are kept. With a file, the file must match the
 * manifest's {@code files[0]} (size and SHA-1) and the image is activated; without one it stays
 * {@code unactivated}.
 */
public interface ImportImageUseCase {

    Image importImage(ImportImageCommand command);

    /**
     * Imports many, in order, with one result per command in the same order: a refused one does not
     * stop the others. Manifests without a file are written together, in one transaction per call (the
     * caller picks how many go in a call, a thousand or so); when that transaction fails they are
     * written one at a time, so that the refusal names its own manifest and the others are imported.
     * A manifest with a file is imported alone, as {@link #importImage} does: its file takes far longer
     * than a transaction, and the hold on the stored content should not wait for the rest.
     */
    List<ImportResult> importImages(List<ImportImageCommand> commands);
}
