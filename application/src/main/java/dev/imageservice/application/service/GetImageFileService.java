package dev.imageservice.application.service;

import dev.imageservice.application.port.in.GetImageFileUseCase;
import dev.imageservice.application.port.out.ImageFileStore;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.image.Image;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

@Singleton
class GetImageFileService implements GetImageFileUseCase {

    private final VisibleImages visibleImages;
    private final ImageFileStore files;

    @Inject
    GetImageFileService(VisibleImages visibleImages, ImageFileStore files) {
        this.visibleImages = visibleImages;
        this.files = files;
    }

    @Override
    @Transactional
    public ImageFileContent getImageFile(Account caller, String imageId) {
        Image image = visibleImages.load(caller, imageId);
        if (image.file() == null || image.file().sha256() == null) {
            throw DomainException.notFound("image " + image.id() + " has no file");
        }
        return new ImageFileContent(image.file(), files.open(image.file().sha256()));
    }
}
