package dev.imageservice.domain.image;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Builds images in any state for tests, the way a repository restores them. */
public final class ImageFixtures {

    public static final ImageFile FILE = new ImageFile("0123456789abcdef0123456789abcdef01234567", 1024, Compression.GZIP, null);
    public static final Instant PUBLISHED = Instant.parse("2024-01-02T03:04:05.678Z");

    private ImageFixtures() {
    }

    public static Manifest manifest(String name, String version) {
        return Manifest.named(ImageName.of(name), ImageVersion.of(version));
    }

    public static Manifest manifest(boolean isPublic, List<UUID> acl) {
        return new Manifest(ImageName.of("base"), ImageVersion.of("1.0.0"), null, null, null, ImageOs.SMARTOS,
                ImageType.ZONE_DATASET, null, null, new Acl(acl), isPublic, null);
    }

    /** An image as stored in the given state: activated and failed images carry what those states imply. */
    public static Image inState(ImageState state, UUID owner, Manifest manifest) {
        boolean activated = state.isActivated();
        return Image.restore(UUID.randomUUID(), owner, manifest, state,
                state == ImageState.FAILED ? new ImageError("PrepareImageDidNotRun", "prepare failed") : null,
                activated ? FILE : null, activated ? PUBLISHED : null, 0);
    }

    public static Image inState(ImageState state) {
        return inState(state, UUID.randomUUID(), manifest("base", "1.0.0"));
    }
}
