package dev.imageservice.domain.image;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/** The walk up an image's origins, which clones and copies between datacenters take. */
public final class OriginChain {

    private OriginChain() {
    }

    /**
     * The origins above {@code image}, nearest first, as far as {@code step} goes: given an origin's
     * id, it returns that origin's image to walk on from, or null to end the walk there. An origin
     * met twice is a cycle, which no valid store holds: InternalError.
     */
    public static List<Image> walk(Image image, Function<UUID, Image> step) {
        List<Image> origins = new ArrayList<>();
        Set<UUID> seen = new HashSet<>(Set.of(image.id()));
        for (UUID next = image.manifest().origin(); next != null; ) {
            if (!seen.add(next)) {
                throw new DomainException(ErrorCode.INTERNAL_ERROR, "image " + image.id() + " has an origin cycle");
            }
            Image origin = step.apply(next);
            if (origin == null) {
                break;
            }
            origins.add(origin);
            next = origin.manifest().origin();
        }
        return origins;
    }
}
