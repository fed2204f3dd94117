package dev.imageservice.application.service;

import dev.imageservice.application.port.out.ImageRepository;
import dev.imageservice.domain.access.ImageListFilter;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.Image;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The image repository port in memory, keeping what the port promises: copies in and out (a caller's
 * changes reach the store only through {@link #update}), the list rule of {@link ImageListFilter#matches},
 * published_at ascending with unpublished first, and an optimistic revision check on update.
 */
class InMemoryImageRepository implements ImageRepository {

    /**
     * The database's order: published_at ascending, nulls first, then id. Ids compare as their canonical text,
     * which is unsigned 128-bit order (as H2 sorts UUIDs), not the signed order of {@link UUID#compareTo}.
     */
    static final Comparator<Image> ORDER = Comparator
            .comparing(Image::publishedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(image -> image.id().toString());

    private final Map<UUID, Image> stored = new LinkedHashMap<>();

    @Override
    public Optional<Image> findById(UUID id) {
        return Optional.ofNullable(stored.get(id)).map(image -> copy(image, image.revision()));
    }

    /** One thread at a time uses this repository: there is no delete to keep out. */
    @Override
    public Optional<Image> findLocked(UUID id) {
        return findById(id);
    }

    /** This and findRecentInMemory: always current and at hand, with no other instance to lag behind. */
    @Override
    public Optional<Image> findRecent(UUID id) {
        return findById(id);
    }

    @Override
    public Optional<Image> findRecentInMemory(UUID id) {
        return findById(id);
    }

    @Override
    public void forEachMatching(ImageListFilter filter, Consumer<Image> each) {
        stored.values().stream().filter(filter::matches).sorted(ORDER)
                .map(image -> copy(image, image.revision())).forEach(each);
    }

    @Override
    public void add(Image image) {
        addAll(List.of(image));
    }

    @Override
    public void addAll(List<Image> images) {
        Set<UUID> ids = new HashSet<>();
        for (Image image : images) {
            if (stored.containsKey(image.id()) || !ids.add(image.id())) {
                throw new DomainException(ErrorCode.IMAGE_UUID_ALREADY_EXISTS, "image " + image.id() + " already exists");
            }
        }
        images.forEach(image -> stored.put(image.id(), copy(image, image.revision())));
    }

    @Override
    public Image update(Image image) {
        Image current = stored.get(image.id());
        if (current == null) {
            throw DomainException.notFound("image " + image.id() + " not found");
        }
        if (current.revision() != image.revision()) {
            throw new DomainException(ErrorCode.CONFLICT, "image " + image.id() + " was changed by another request");
        }
        Image updated = copy(image, image.revision() + 1);
        stored.put(image.id(), updated);
        return copy(updated, updated.revision());
    }

    @Override
    public void delete(Image image) {
        Image current = stored.get(image.id());
        if (current == null) {
            throw DomainException.notFound("image " + image.id() + " not found");
        }
        if (current.revision() != image.revision()) {
            throw new DomainException(ErrorCode.CONFLICT, "image " + image.id() + " was changed by another request");
        }
        stored.remove(image.id());
    }

    @Override
    public boolean hasDependents(UUID id) {
        return stored.values().stream().anyMatch(image -> id.equals(image.manifest().origin()));
    }

    int size() {
        return stored.size();
    }

    List<Image> all() {
        return stored.values().stream().map(image -> copy(image, image.revision())).toList();
    }

    private static Image copy(Image image, long revision) {
        return Image.restore(image.id(), image.owner(), image.manifest(), image.state(), image.error(), image.file(),
                image.publishedAt(), revision);
    }
}
