package dev.imageservice.application.service;

import dev.imageservice.application.port.in.GetImageQuery;
import dev.imageservice.application.port.in.GetImageUseCase;
import dev.imageservice.domain.image.Image;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

@Singleton
class GetImageService implements GetImageUseCase {

    private final VisibleImages visibleImages;

    @Inject
    GetImageService(VisibleImages visibleImages) {
        this.visibleImages = visibleImages;
    }

    /**
     * A recent image is enough to show, and needs no transaction: a signed GetImage opens none at all
     * (see CredentialCache) and reads the image at most once per {@code ImageRepository.RECENT}.
     */
    @Override
    public Image getImage(GetImageQuery query) {
        return visibleImages.loadRecent(query.caller(), query.imageId());
    }
}
