package dev.imageservice.application.port.out;

import dev.imageservice.domain.access.ImageListFilter;
import dev.imageservice.domain.image.Image;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stored images. Listing runs where the data is, with the filter's rules. */
public interface ImageRepository {

    Optional<Image> findById(UUID id);

    /** Matching images, published_at ascending with unpublished images first. */
    List<Image> list(ImageListFilter filter);

    /** Stores a new image; an id already taken is ImageUuidAlreadyExists. */
    void add(Image image);

    /**
     * Stores new images, all or none: an id already taken, or given twice, is ImageUuidAlreadyExists
     * and nothing is stored. Its cost grows with the number of images, not with its square.
     */
    void addAll(List<Image> images);

    /**
     * Stores changes to an image loaded earlier and returns it as stored, at its new revision. If
     * the stored revision moved on since it was loaded, nothing is written and a ConflictError is
     * thrown: no update is silently lost.
     */
    Image update(Image image);

    /**
     * Removes an image loaded earlier. If the stored revision moved on since it was loaded, nothing
     * is removed and a ConflictError is thrown.
     */
    void delete(Image image);

    /** Whether any image names this one as its origin. */
    boolean hasDependents(UUID id);
}
