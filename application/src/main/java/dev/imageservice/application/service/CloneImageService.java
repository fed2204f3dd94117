package dev.imageservice.application.service;

import dev.imageservice.application.port.in.CloneImageCommand;
import dev.imageservice.application.port.in.CloneImageUseCase;
import dev.imageservice.application.port.out.Accounts;
import dev.imageservice.application.port.out.ImageFileStore;
import dev.imageservice.application.port.out.ImageRepository;
import dev.imageservice.domain.access.ImageAccess;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.Acl;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageState;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
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
    private final ImageFileStore files;
    private final Clock clock;

    @Inject
    CloneImageService(VisibleImages visibleImages, ImageRepository images, Accounts accounts, ImageFileStore files,
                      Clock clock) {
        this.visibleImages = visibleImages;
        this.images = images;
        this.accounts = accounts;
        this.files = files;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Image cloneImage(CloneImageCommand command) {
        UUID caller = command.caller().id();
        Image source = visibleImages.load(command.caller(), command.imageId());
        ImageAccess.requireCloneable(caller, source);

        // Walk up the origin chain: custom origins are cloned too; the first operator image ends the walk.
        Deque<Image> customOrigins = new ArrayDeque<>();
        UUID operatorOrigin = null;
        Set<UUID> seen = new HashSet<>(Set.of(source.id()));
        for (UUID next = source.manifest().origin(); next != null; ) {
            if (!seen.add(next)) {
                throw new DomainException(ErrorCode.INTERNAL_ERROR, "image " + source.id() + " has an origin cycle");
            }
            UUID originId = next;
            Image origin = images.findById(originId).orElseThrow(() -> new DomainException(
                    ErrorCode.ORIGIN_DOES_NOT_EXIST, "origin image " + originId + " does not exist"));
            if (isOperatorImage(origin)) {
                operatorOrigin = origin.id();
                break;
            }
            customOrigins.push(origin);
            next = origin.manifest().origin();
        }

        Instant now = clock.instant();
        UUID parent = operatorOrigin;
        while (!customOrigins.isEmpty()) {
            parent = copy(customOrigins.pop(), caller, parent, ImageState.DISABLED, now).id();
        }
        return copy(source, caller, parent, ImageState.ACTIVE, now);
    }

    private boolean isOperatorImage(Image image) {
        return accounts.findById(image.owner()).map(Account::operator).orElse(false);
    }

    /** A new image owned by the caller, with the source's fields and file, no ACL and a fresh publication. */
    private Image copy(Image source, UUID owner, UUID origin, ImageState state, Instant now) {
        if (source.file() == null || source.file().sha256() == null) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "image " + source.id() + " has no file to clone");
        }
        Image clone = Image.create(UUID.randomUUID(), owner,
                source.manifest().withAcl(Acl.EMPTY).withOrigin(origin), ImageState.UNACTIVATED);
        clone.attachFile(source.file());
        clone.activate(now);
        if (state == ImageState.DISABLED) {
            clone.disable();
        }
        files.addReference(source.file().sha256());
        images.add(clone);
        return clone;
    }
}
