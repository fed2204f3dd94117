package dev.imageservice.application.service;

import dev.imageservice.application.port.in.GetStoredImageUseCase;
import dev.imageservice.application.port.out.ImageRepository;
import dev.imageservice.domain.image.Image;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;

@Singleton
class GetStoredImageService implements GetStoredImageUseCase {

    private final ImageRepository images;

    @Inject
    GetStoredImageService(ImageRepository images) {
        this.images = images;
    }

    @Override
    @Transactional
    public Optional<Image> storedImage(UUID imageId) {
        return images.findById(imageId);
    }
}
