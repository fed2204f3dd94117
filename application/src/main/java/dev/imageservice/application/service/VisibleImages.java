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
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

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
     * Joins the caller's transaction; a caller without one (export) reads without any: one read
     * needs none.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    Image load(Account caller, String rawId) {
        return visible(caller, rawId, images::findById);
    }

    /**
     * As {@link #load}, in the caller's transaction, and the image stays until that ends
     * ({@link ImageRepository#findLocked}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Image loadLocked(Account caller, String rawId) {
        return visible(caller, rawId, images::findLocked);
    }

    /**
     * As {@link #load}, from an image read at most {@link ImageRepository#RECENT} ago: for answers
     * that only show the image. A signed GetImage then opens no transaction and usually reads nothing.
     */
    Image loadRecent(Account caller, String rawId) {
        return visible(caller, rawId, images::findRecent);
    }

    /** As {@link #loadRecent} without reading: empty when the image is not at hand. */
    Optional<Image> loadRecentFromMemory(Account caller, String rawId) {
        return images.findRecentInMemory(idOf(rawId)).map(image -> visible(caller, image));
    }

    private static Image visible(Account caller, String rawId, Function<UUID, Optional<Image>> find) {
        UUID id = idOf(rawId);
        return visible(caller, find.apply(id).orElseThrow(() -> notFound(id)));
    }

    private static UUID idOf(String rawId) {
        UUID id = Uuids.parse(rawId);
        if (id == null) {
            throw DomainException.notFound(rawId + " not found");
        }
        return id;
    }

    private static Image visible(Account caller, Image image) {
        if (!ImageAccess.canSee(caller.id(), image)) {
            throw notFound(image.id());
        }
        return image;
    }

    private static DomainException notFound(UUID id) {
        return DomainException.notFound("image " + id + " not found");
    }
}
