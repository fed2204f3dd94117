package dev.imageservice.application.service;

import dev.imageservice.application.port.in.ListImagesQuery;
import dev.imageservice.application.port.in.ListImagesUseCase;
import dev.imageservice.application.port.out.ImageRepository;
import dev.imageservice.domain.access.ImageListFilter;
import dev.imageservice.domain.access.StateFilter;
import dev.imageservice.domain.access.TextMatch;
import dev.imageservice.domain.image.Image;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.List;

@Singleton
class ListImagesService implements ListImagesUseCase {

    private final ImageRepository images;

    @Inject
    ListImagesService(ImageRepository images) {
        this.images = images;
    }

    @Override
    @Transactional
    public List<Image> listImages(ListImagesQuery query) {
        ImageListFilter filter = new ImageListFilter(
                query.caller().id(),
                StateFilter.parse(query.state()),
                ImageListFilter.parsePublic(query.isPublic()),
                ImageListFilter.parseOwner(query.owner()),
                TextMatch.parse(query.name()),
                TextMatch.parse(query.version()),
                query.os(),
                query.type());
        return images.list(filter);
    }
}
