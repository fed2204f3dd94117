package dev.imageservice.application.service;

import dev.imageservice.application.port.in.CloneImageCommand;
import dev.imageservice.application.port.in.CloneImageUseCase;
import dev.imageservice.application.port.out.Accounts;
import dev.imageservice.application.port.out.ImageRepository;
import dev.imageservice.domain.access.ImageAccess;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.Acl;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.image.OriginChain;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/**
 * Clones an image shared with the caller, and the non-operator images it builds on, in one
 * transaction: a failure at any step leaves no clone behind. Clones share file content with
 * their sources through the content-addressed store; no bytes are copied.
 */
@Singleton
class CloneImageService implements CloneImageUseCase {

    private final VisibleImages visibleImages;
    private final ImageRepository images;
    private final Accounts accounts;
    private final NewImages newImages;

    @Inject
    CloneImageService(VisibleImages visibleImages, ImageRepository images, Accounts accounts, NewImages newImages) {
        this.visibleImages = visibleImages;
        this.images = images;
        this.accounts = accounts;
        this.newImages = newImages;
    }

    @Override
    @Transactional
    public Image cloneImage(CloneImageCommand command) {
        UUID caller = command.caller().id();
        // Locked: a delete of the source would release its file before this clone references it.
        // Its custom origins need no lock: none of them can be deleted while the source names it.
        Image source = visibleImages.loadLocked(command.caller(), command.imageId());
        ImageAccess.requireCloneable(caller, source);

        // Custom origins are cloned too, base first; the first operator image ends the walk and
        // becomes the origin of the lowest clone.
        List<Image> customOrigins = OriginChain.walk(source, originId -> {
            Image origin = images.findById(originId).orElseThrow(() -> new DomainException(
                    ErrorCode.ORIGIN_DOES_NOT_EXIST, "origin image " + originId + " does not exist"));
            return isOperatorImage(origin) ? null : origin;
        });
        UUID parent = (customOrigins.isEmpty() ? source : customOrigins.get(customOrigins.size() - 1))
                .manifest().origin();
        for (int i = customOrigins.size() - 1; i >= 0; i--) {
            parent = copy(customOrigins.get(i), caller, parent, ImageState.DISABLED).id();
        }
        return copy(source, caller, parent, ImageState.ACTIVE);
    }

    private boolean isOperatorImage(Image image) {
        return accounts.findById(image.owner()).map(Account::operator).orElse(false);
    }

    /** A new image owned by the caller, with the source's fields and file, no ACL and a fresh publication. */
    private Image copy(Image source, UUID owner, UUID origin, ImageState state) {
        if (source.file() == null || source.file().sha256() == null) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "image " + source.id() + " has no file to clone");
        }
        return newImages.addSharingFile(UUID.randomUUID(), owner, source.manifest().withAcl(Acl.EMPTY).withOrigin(origin),
                source.file(), null, state);
    }
}
