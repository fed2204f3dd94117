package dev.imageservice.application.service;

import dev.imageservice.application.port.out.ImageFileStore;
import dev.imageservice.application.port.out.ImageRepository;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageFile;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.image.Manifest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * The one way an image whose file is already in the file store enters the catalogue: clones,
 * manifest imports and copies from other datacenters. Runs in the caller's transaction.
 */
@Singleton
class NewImages {

    private final ImageRepository images;
    private final ImageFileStore files;
    private final Clock clock;

    @Inject
    NewImages(ImageRepository images, ImageFileStore files, Clock clock) {
        this.images = images;
        this.files = files;
        this.clock = clock;
    }

    /**
     * Creates the image holding {@code file} (whose SHA-256 names stored content) in {@code state}:
     * unactivated, active, or disabled (activated first, so it is published). A null
     * {@code publishedAt} is set by the activation.
     */
    Image addHoldingFile(UUID id, UUID owner, Manifest manifest, ImageFile file, Instant publishedAt,
                         ImageState state) {
        Image image = Image.create(id, owner, manifest, ImageState.UNACTIVATED);
        image.keepPublishedAt(publishedAt);
        image.attachFile(file);
        if (state != ImageState.UNACTIVATED) {
            image.activate(clock.instant());
        }
        if (state == ImageState.DISABLED) {
            image.disable();
        }
        files.addReference(file.sha256());
        images.add(image);
        return image;
    }
}
