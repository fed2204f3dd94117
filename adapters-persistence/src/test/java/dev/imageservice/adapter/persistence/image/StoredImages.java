package dev.imageservice.adapter.persistence.image;

import dev.imageservice.adapter.persistence.Tx;
import dev.imageservice.domain.image.Image;
import java.util.Comparator;

/** Helpers shared by the image repository tests. */
final class StoredImages {

    /**
     * The list order the port promises (published_at ascending, unpublished first), with the id as the
     * tie-break the query uses. H2 and PostgreSQL compare UUIDs as unsigned 128-bit numbers, which is the order of their
     * canonical text, not the signed order of {@link java.util.UUID#compareTo}.
     */
    static final Comparator<Image> ORDER = Comparator
            .comparing(Image::publishedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(image -> image.id().toString());

    private StoredImages() {
    }

    static void deleteAll() {
        Tx.deleteAll(ImageAclEntry.class, ImageEntity.class);
    }
}
