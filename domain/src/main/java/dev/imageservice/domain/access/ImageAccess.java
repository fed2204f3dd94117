package dev.imageservice.domain.access;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.Image;
import java.util.UUID;

/**
 * Who may see, change and clone an image. Invisible images are reported as not found, never
 * as forbidden, so that their existence does not leak.
 */
public final class ImageAccess {

    private ImageAccess() {
    }

    /** The owner sees every state; anyone else only activated images that are public or shared with them. */
    public static boolean canSee(UUID caller, Image image) {
        return image.isOwnedBy(caller) || (image.state().isActivated()
                && (image.manifest().isPublic() || image.manifest().acl().contains(caller)));
    }


    /** Update, delete and export are the owner's alone (a 422 in the reference, not a 403). */
    public static void requireOwner(UUID caller, Image image) {
        if (!image.isOwnedBy(caller)) {
            throw new DomainException(ErrorCode.NOT_IMAGE_OWNER, "caller is not the owner of image " + image.id());
        }
    }

    /** Cloning needs an activated image shared with the caller; one's own image is never "shared". */
    public static void requireCloneable(UUID caller, Image image) {
        if (!image.state().isActivated()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "image " + image.id() + " is not activated");
        }
        if (image.isOwnedBy(caller) || !image.manifest().acl().contains(caller)) {
            throw new DomainException(ErrorCode.IMAGE_NOT_SHARED, "image " + image.id() + " is not shared with you");
        }
    }
}
