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
import jakarta.transaction.Transactional;

@Singleton
class DeleteImageService implements DeleteImageUseCase {

    private final VisibleImages visibleImages;
    private final ImageRepository images;
    private final ImageFileStore files;

    @Inject
    DeleteImageService(VisibleImages visibleImages, ImageRepository images, ImageFileStore files) {
        this.visibleImages = visibleImages;
        this.images = images;
        this.files = files;
    }

    @Override
    @Transactional
    public void deleteImage(DeleteImageCommand command) {
        Image image = visibleImages.load(command.caller(), command.imageId());
        ImageAccess.requireOwner(command.caller().id(), image);
        if (images.hasDependents(image.id())) {
            throw new DomainException(ErrorCode.IMAGE_HAS_DEPENDENT_IMAGES,
                    "image " + image.id() + " is the origin of other images; delete those first");
        }
        images.delete(image.id());
        if (image.file() != null && image.file().sha256() != null) {
            files.release(image.file().sha256());
        }
    }
}
