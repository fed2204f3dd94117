package dev.imageservice.application.service;

import dev.imageservice.application.port.in.UpdateImageCommand;
import dev.imageservice.application.port.in.UpdateImageUseCase;
import dev.imageservice.application.port.out.ImageRepository;
import dev.imageservice.domain.access.ImageAccess;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageUpdate;
import dev.imageservice.domain.image.Manifest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Updates that do not overlap never conflict: when another request stored the image between this
 * one's read and write, the update is applied again to the fresh image, as long as the fields it
 * sets still hold the values it was based on. Only a real overlap (another request changed one of
 * those fields) is a ConflictError: CloudAPI clients cannot retry on their own.
 */
@Singleton
class UpdateImageService implements UpdateImageUseCase {

    private final VisibleImages visibleImages;
    private final ImageRepository images;
    private final Transactions transactions;

    @Inject
    UpdateImageService(VisibleImages visibleImages, ImageRepository images, Transactions transactions) {
        this.visibleImages = visibleImages;
        this.images = images;
        this.transactions = transactions;
    }

    @Override
    public Image updateImage(UpdateImageCommand command) {
        Baseline baseline = new Baseline();
        return transactions.retryingConflicts(() -> apply(command, baseline));
    }

    private Image apply(UpdateImageCommand command, Baseline baseline) {
        Image image = visibleImages.load(command.caller(), command.imageId());
        ImageAccess.requireOwner(command.caller().id(), image);
        Preconditions.requireRevision(image, command.expectedRevision());
        if (baseline.update == null) {
            baseline.update = ImageUpdate.of(command.fields());
            baseline.manifest = image.manifest();
        } else if (!baseline.update.setsOnlyFieldsUnchangedBetween(baseline.manifest, image.manifest())) {
            throw new DomainException(ErrorCode.CONFLICT, "image " + image.id()
                    + " was changed by another request in a field this update sets; reload it and try again");
        }
        image.update(baseline.update);
        return images.update(image);
    }

    /** What the first attempt read and parsed: later attempts compare against it. */
    private static final class Baseline {
        private ImageUpdate update;
        private Manifest manifest;
    }
}
