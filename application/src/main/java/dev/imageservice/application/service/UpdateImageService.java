package dev.imageservice.application.service;

import dev.imageservice.application.port.in.UpdateImageCommand;
import dev.imageservice.application.port.in.UpdateImageUseCase;
import dev.imageservice.application.port.out.ImageRepository;
import dev.imageservice.domain.access.ImageAccess;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageUpdate;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

@Singleton
class UpdateImageService implements UpdateImageUseCase {

    private final VisibleImages visibleImages;
    private final ImageRepository images;

    @Inject
    UpdateImageService(VisibleImages visibleImages, ImageRepository images) {
        this.visibleImages = visibleImages;
        this.images = images;
    }

    @Override
    @Transactional
    public Image updateImage(UpdateImageCommand command) {
        Image image = visibleImages.load(command.caller(), command.imageId());
        ImageAccess.requireOwner(command.caller().id(), image);
        image.update(ImageUpdate.of(command.fields()));
        images.update(image);
        return images.findById(image.id()).orElseThrow();
    }
}
