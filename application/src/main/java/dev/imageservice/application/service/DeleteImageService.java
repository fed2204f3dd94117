package dev.imageservice.application.service;

import dev.imageservice.application.port.in.DeleteImageCommand;
import dev.imageservice.application.port.in.DeleteImageUseCase;
import dev.imageservice.application.port.out.ImageFileStore;
import dev.imageservice.application.port.out.ImageRepository;
import dev.imageservice.domain.access.ImageAccess;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.Image;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Deletes the image as stored when the delete runs: a change committed between this request's read
 * and its delete makes it read and check again (owner, dependents, the If-Match revision), rather
 * than failing.
 */
@Singleton
class DeleteImageService implements DeleteImageUseCase {

    private final VisibleImages visibleImages;
    private final ImageRepository images;
    private final ImageFileStore files;
    private final Transactions transactions;

    @Inject
    DeleteImageService(VisibleImages visibleImages, ImageRepository images, ImageFileStore files,
                       Transactions transactions) {
        this.visibleImages = visibleImages;
        this.images = images;
        this.files = files;
        this.transactions = transactions;
    }

    @Override
    public void deleteImage(DeleteImageCommand command) {
        transactions.retryingConflicts(() -> {
            delete(command);
            return null;
        });
    }

    private void delete(DeleteImageCommand command) {
        Image image = visibleImages.load(command.caller(), command.imageId());
        ImageAccess.requireOwner(command.caller().id(), image);
        Preconditions.requireRevision(image, command.expectedRevision());
        if (images.hasDependents(image.id())) {
            throw new DomainException(ErrorCode.IMAGE_HAS_DEPENDENT_IMAGES,
                    "image " + image.id() + " is the origin of other images; delete those first");
        }
        images.delete(image);
        if (image.file() != null && image.file().sha256() != null) {
            files.release(image.file().sha256());
        }
    }
}
