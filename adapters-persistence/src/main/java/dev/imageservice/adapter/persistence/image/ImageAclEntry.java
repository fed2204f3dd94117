package dev.imageservice.adapter.persistence.image;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** One account an image is shared with: the indexed side of the ACL, used by the list query. */
@Entity
@Table(name = "image_acl")
@IdClass(ImageAclEntry.Key.class)
public class ImageAclEntry {

    @Id
    @Column(name = "image_id")
    public UUID imageId;
    @Id
    @Column(name = "account_id")
    public UUID accountId;

    /** The composite key Hibernate needs for {@code @IdClass}. */
    public static class Key implements Serializable {
        public UUID imageId;
        public UUID accountId;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(imageId, key.imageId)
                    && Objects.equals(accountId, key.accountId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(imageId, accountId);
        }
    }

    static ImageAclEntry of(UUID imageId, UUID accountId) {
        ImageAclEntry entry = new ImageAclEntry();
        entry.imageId = imageId;
        entry.accountId = accountId;
        return entry;
    }
}
