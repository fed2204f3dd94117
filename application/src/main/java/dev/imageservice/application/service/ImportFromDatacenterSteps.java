package dev.imageservice.application.service;

import dev.imageservice.application.port.out.ImageFileStore;
import dev.imageservice.application.port.out.ImageFileStore.StoredContent;
import dev.imageservice.application.port.out.ImageRepository;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageState;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The short transactions of an import from another datacenter, around its long transfers. */
@Singleton
class ImportFromDatacenterSteps {

    private final ImageRepository images;
    private final ImageFileStore files;
    private final NewImages newImages;

    @Inject
    ImportFromDatacenterSteps(ImageRepository images, ImageFileStore files, NewImages newImages) {
        this.images = images;
        this.files = files;
        this.newImages = newImages;
    }

    @Transactional
    public boolean isHeld(UUID id) {
        return images.findById(id).isPresent();
    }

    @Transactional
    public Image find(UUID id) {
        return images.findById(id).orElse(null);
    }

    @Transactional
    public Image load(UUID id) {
        return images.findById(id).orElseThrow();
    }

    /** Adds every image of the chain (base first) with its verified file, keeping ids and published_at. */
    @Transactional
    public List<Image> commit(List<Image> chain, List<StoredContent> contents) {
        List<Image> copies = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            Image remote = chain.get(i);
            copies.add(newImages.addWithStoredFile(remote.id(), remote.owner(), remote.manifest(),
                    remote.file().withSha256(contents.get(i).sha256()), remote.publishedAt(), ImageState.ACTIVE));
        }
        return copies;
    }

    /** Content copied for a chain that was not committed goes again (unless an image references it or another storer holds it). */
    public void letGo(StoredContent content) {
        files.letGo(content.sha256());
    }
}
