package dev.imageservice.domain.image;

import java.util.Objects;
import java.util.UUID;

/**
 * The descriptive part of an image, every field already validated. Optional fields are null
 * when absent; acl, tags and requirements are empty rather than null.
 */
public record Manifest(
        ImageName name,
        ImageVersion version,
        Description description,
        WebAddress homepage,
        WebAddress eula,
        ImageOs os,
        ImageType type,
        Requirements requirements,
        Tags tags,
        Acl acl,
        boolean isPublic,
        UUID origin) {

    public Manifest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        requirements = requirements == null ? Requirements.NONE : requirements;
        tags = tags == null ? Tags.EMPTY : tags;
        acl = acl == null ? Acl.EMPTY : acl;
    }

    public static Manifest named(ImageName name, ImageVersion version) {
        return new Manifest(name, version, null, null, null, null, null, null, null, null, false, null);
    }

    public Manifest withAcl(Acl newAcl) {
        return new Manifest(name, version, description, homepage, eula, os, type, requirements, tags, newAcl,
                isPublic, origin);
    }

    public Manifest withOrigin(UUID newOrigin) {
        return new Manifest(name, version, description, homepage, eula, os, type, requirements, tags, acl,
                isPublic, newOrigin);
    }

    Manifest apply(ImageUpdate update) {
        return new Manifest(
                update.name().orElse(name),
                update.version().orElse(version),
                update.description().orElse(description),
                update.homepage().orElse(homepage),
                update.eula().orElse(eula),
                os, type, requirements,
                update.tags().orElse(tags),
                update.acl().orElse(acl),
                isPublic, origin);
    }
}
