package dev.imageservice.application.service;

import dev.imageservice.application.port.out.ImageRepository;
import dev.imageservice.domain.access.ImageAccess;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.Uuids;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.UUID;

/**
 * Loads the image a request names, as the caller sees it, before any action runs. An image the
 * caller may not see answers exactly as an absent one, so its existence does not leak.
 */
@Singleton
class VisibleImages {

    private final ImageRepository images;

    @Inject
    VisibleImages(ImageRepository images) {
        this.images = images;
    }

    /**
     * Joins the caller's transaction; a caller without one (GetImage, export) reads without any:
     * one read needs none, and a signed GetImage then opens no transaction at all.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    Image load(Account caller, String rawId) {
        UUID id = Uuids.parse(rawId);
        if (id == null) {
            throw DomainException.notFound(rawId + " not found");
        }
        Image image = images.findById(id).orElse(null);
        if (image == null || !ImageAccess.canSee(caller.id(), image)) {
            throw DomainException.notFound("image " + id + " not found");
        }
        return image;
    }
}
