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
     * Creates an image with the file of another image (a clone), which it references too. The
     * arguments are those of {@link #add}.
     */
    Image addSharingFile(UUID id, UUID owner, Manifest manifest, ImageFile file, Instant publishedAt,
                         ImageState state) {
        files.addReference(file.sha256());
        return add(id, owner, manifest, file, publishedAt, state);
    }

    /** Creates an image with a file the caller stored and holds, which the image now references. */
    Image addWithStoredFile(UUID id, UUID owner, Manifest manifest, ImageFile file, Instant publishedAt,
                            ImageState state) {
        files.attach(file.sha256());
        return add(id, owner, manifest, file, publishedAt, state);
    }

    /**
     * Creates the image holding {@code file} (whose SHA-256 names stored content) in {@code state}:
     * unactivated, active, or disabled (activated first, so it is published). A null
     * {@code publishedAt} is set by the activation.
     */
    private Image add(UUID id, UUID owner, Manifest manifest, ImageFile file, Instant publishedAt,
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
        images.add(image);
        return image;
    }
}
