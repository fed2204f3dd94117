package dev.imageservice.application.service;

import dev.imageservice.application.port.in.ListImagesQuery;
import dev.imageservice.application.port.in.ListImagesUseCase;
import dev.imageservice.application.port.out.ImageRepository;
import dev.imageservice.domain.access.ImageListFilter;
import dev.imageservice.domain.image.Image;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.function.Consumer;

@Singleton
class ListImagesService implements ListImagesUseCase {

    private final ImageRepository images;

    @Inject
    ListImagesService(ImageRepository images) {
        this.images = images;
    }

    /** Not @Transactional: a transaction would stay open for as long as the client takes to read the answer. */
    @Override
    public void forEachImage(ListImagesQuery query, Consumer<Image> each) {
        images.forEachMatching(new ImageListFilter(query.caller().id(), query.state(), query.isPublic(), query.owner(),
                query.name(), query.version(), query.os(), query.type()), each);
    }
}
