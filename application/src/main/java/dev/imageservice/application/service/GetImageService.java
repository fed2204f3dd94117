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

    /** One read needs no transaction: a signed GetImage opens none at all (see CredentialCache). */
    @Override
    public Image getImage(GetImageQuery query) {
        return visibleImages.load(query.caller(), query.imageId());
    }
}
