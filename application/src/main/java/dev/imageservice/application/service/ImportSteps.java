package dev.imageservice.application.service;

import dev.imageservice.application.port.out.ImageFileStore;
import dev.imageservice.application.port.out.ImageFileStore.StoredContent;
import dev.imageservice.application.port.out.ImageRepository;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageState;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The short transactions of an import, around its long transfers. */
@Singleton
class ImportSteps {

    private final ImageRepository images;
    private final ImageFileStore files;
    private final Clock clock;

    @Inject
    ImportSteps(ImageRepository images, ImageFileStore files, Clock clock) {
        this.images = images;
        this.files = files;
        this.clock = clock;
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
            StoredContent content = contents.get(i);
            Image copy = Image.create(remote.id(), remote.owner(), remote.manifest(), ImageState.UNACTIVATED);
            copy.keepPublishedAt(remote.publishedAt());
            copy.attachFile(remote.file().withSha256(content.sha256()));
            copy.activate(clock.instant());
            files.addReference(content.sha256());
            images.add(copy);
            copies.add(copy);
        }
        return copies;
    }

    /** Content copied for a chain that was not committed goes again (unless another image holds it). */
    public void discard(StoredContent content) {
        files.discard(content.sha256());
    }
}
