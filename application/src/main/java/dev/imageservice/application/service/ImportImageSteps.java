package dev.imageservice.application.service;

import dev.imageservice.application.port.out.Accounts;
import dev.imageservice.application.port.out.ImageFileStore.StoredContent;
import dev.imageservice.application.port.out.ImageRepository;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.image.ImgapiManifest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The transactional steps of an image import; the file is stored between them. */
@Singleton
class ImportImageSteps {

    private final ImageRepository images;
    private final Accounts accounts;
    private final NewImages newImages;

    @Inject
    ImportImageSteps(ImageRepository images, Accounts accounts, NewImages newImages) {
        this.images = images;
        this.accounts = accounts;
        this.newImages = newImages;
    }

    /** The id must be free, and the owner and origin must exist. */
    @Transactional
    public void check(ImgapiManifest imported) {
        if (images.findById(imported.id()).isPresent()) {
            throw new DomainException(ErrorCode.IMAGE_UUID_ALREADY_EXISTS, "image uuid " + imported.id() + " already exists");
        }
        checkReferences(imported);
    }

    private void checkReferences(ImgapiManifest imported) {
        if (accounts.findById(imported.owner()).isEmpty()) {
            throw new DomainException(ErrorCode.OWNER_DOES_NOT_EXIST, "owner " + imported.owner() + " does not exist");
        }
        UUID origin = imported.manifest().origin();
        if (origin != null && images.findById(origin).isEmpty()) {
            throw new DomainException(ErrorCode.ORIGIN_DOES_NOT_EXIST, "origin image " + origin + " does not exist");
        }
    }

    /**
     * Writes the image. With stored content it holds the file and takes the state the manifest asks
     * for (active unless it says disabled or unactivated); without, it stays unactivated.
     */
    @Transactional
    public Image save(ImgapiManifest imported, StoredContent stored) {
        check(imported);
        if (stored != null) {
            UUID origin = imported.manifest().origin();
            if (origin != null && imported.state() != ImageState.UNACTIVATED) {
                images.findById(origin).orElseThrow().requireActiveAsOrigin();
            }
            return newImages.addWithStoredFile(imported.id(), imported.owner(), imported.manifest(),
                    imported.file().withSha256(stored.sha256()), imported.publishedAt(), imported.state());
        }
        Image image = unactivated(imported);
        images.add(image);
        return image;
    }

    /**
     * Writes images without a file (unactivated) in one transaction. An id taken, here or twice in the
     * batch, fails it whole, as does an origin that is no stored image (even one earlier in the batch).
     */
    @Transactional
    public List<Image> saveAll(List<ImgapiManifest> batch) {
        List<Image> added = new ArrayList<>(batch.size());
        for (ImgapiManifest imported : batch) {
            checkReferences(imported);
            added.add(unactivated(imported));
        }
        images.addAll(added);
        return added;
    }

    private static Image unactivated(ImgapiManifest imported) {
        Image image = Image.create(imported.id(), imported.owner(), imported.manifest(), ImageState.UNACTIVATED);
        image.keepPublishedAt(imported.publishedAt());
        if (imported.file() != null) {
            image.attachFile(imported.file());
        }
        return image;
    }
}
