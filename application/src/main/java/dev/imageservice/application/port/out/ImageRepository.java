package dev.imageservice.application.port.out;

import dev.imageservice.domain.access.ImageListFilter;
import dev.imageservice.domain.image.Image;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/** Stored images. Listing runs where the data is, with the filter's rules. */
public interface ImageRepository {

    Optional<Image> findById(UUID id);

    /**
     * As {@link #findById}, and the image then stays until the caller's transaction ends: a delete
     * of it waits for that transaction, and one not yet committed is waited for (the image is then
     * absent). For a use case that goes on to reference the image's file (a clone), which the
     * delete would otherwise release and remove meanwhile.
     */
    Optional<Image> findLocked(UUID id);

    /**
     * The image as committed at most {@link #RECENT} ago, for answers that only show it (GetImage):
     * a change committed through this instance is seen at once, one committed by another instance
     * or an admin command within {@code RECENT}. Within a transaction it is {@link #findById}.
     */
    Optional<Image> findRecent(UUID id);

    /** As {@link #findRecent} without reading: empty unless the image is at hand (never within a transaction). */
    Optional<Image> findRecentInMemory(UUID id);

    /** How old an image {@link #findRecent} returns may be, at most, after a change elsewhere. */
    Duration RECENT = Duration.ofSeconds(1);

    /**
     * Hands the matching images to {@code each} one at a time, in the order of {@link #list}, reading
     * them in bounded pages as it goes: a listing of any size is never held whole. Each page is read in
     * the caller's transaction, or without one in a short transaction of its own, never open while
     * {@code each} runs. An image present throughout is handed over exactly once; one added or
     * removed meanwhile may or may not be, and none twice.
     */
    void forEachMatching(ImageListFilter filter, Consumer<Image> each);

    /** Matching images, published_at ascending with unpublished images first. */
    default List<Image> list(ImageListFilter filter) {
        List<Image> matching = new ArrayList<>();
        forEachMatching(filter, matching::add);
        return matching;
    }

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
