package dev.imageservice.application.service;

import dev.imageservice.application.port.in.GetImageQuery;
import dev.imageservice.application.port.in.GetImageUseCase;
import dev.imageservice.domain.image.Image;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

@Singleton
class GetImageService implements GetImageUseCase {

    private final VisibleImages visibleImages;

    @Inject
    GetImageService(VisibleImages visibleImages) {
        this.visibleImages = visibleImages;
    }

    @Override
    @Transactional
    public Image getImage(GetImageQuery query) {
        return visibleImages.load(query.caller(), query.imageId());
    }
}
