package dev.imageservice.domain.access;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.image.ImageType;
import dev.imageservice.domain.image.Uuids;
import java.util.UUID;

/**
 * What ListImages returns for one caller: own ∪ public activated ∪ shared activated, narrowed by
 * the query's filters. {@link #matches} is the rule in plain Java; repositories translate the same
 * record into their query language and are tested against this method.
 *
 * @param isPublic null for no public filter
 * @param owner    null for no owner filter
 * @param type     null hides docker images, as the reference does
 */
public record ImageListFilter(
        UUID caller,
        StateFilter state,
        Boolean isPublic,
        UUID owner,
        TextMatch name,
        TextMatch version,
        String os,
        String type) {

    public ImageListFilter {
        state = state == null ? StateFilter.ACTIVE : state;
    }

    public static ImageListFilter everythingVisibleTo(UUID caller) {
        return new ImageListFilter(caller, StateFilter.ACTIVE, null, null, null, null, null, null);
    }

    public static Boolean parsePublic(String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new DomainException(ErrorCode.INVALID_PARAMETER, "public must be true or false; got " + value);
        };
    }

    public static UUID parseOwner(String value) {
        if (value == null) {
            return null;
        }
        UUID owner = Uuids.parse(value);
        if (owner == null) {
            throw new DomainException(ErrorCode.INVALID_PARAMETER, "owner must be a UUID; got " + value);
        }
        return owner;
    }

    public boolean matches(Image image) {
        boolean own = image.isOwnedBy(caller);
        return ImageAccess.canSee(caller, image)
                && matchesState(image.state(), own)
                && (isPublic == null || isPublic == image.manifest().isPublic())
                && (owner == null || image.isOwnedBy(owner))
                && (name == null || name.matches(image.manifest().name().value()))
                && (version == null || version.matches(image.manifest().version().value()))
                && (os == null || (image.manifest().os() != null && image.manifest().os().wireName().equals(os)))
                && matchesType(image.manifest().type());
    }

    private boolean matchesState(ImageState imageState, boolean own) {
        return switch (state.kind()) {
            case ACTIVE -> imageState == ImageState.ACTIVE;
            case ALL -> true;
            case OWN_IN_STATE -> own && imageState == state.ownState();
        };
    }

    private boolean matchesType(ImageType imageType) {
        if (type == null) {
            return imageType != ImageType.DOCKER;
        }
        return imageType != null && imageType.wireName().equals(type);
    }
}
