package dev.imageservice.domain.image;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The image aggregate: a manifest owned by one account, moving through the states of
 * {@link ImageState}. {@code revision} is the optimistic-lock counter of the stored copy.
 */
public final class Image {

    private final UUID id;
    private final UUID owner;
    private Manifest manifest;
    private ImageState state;
    private ImageError error;
    private ImageFile file;
    private Instant publishedAt;
    private final long revision;

    private Image(UUID id, UUID owner, Manifest manifest, ImageState state, ImageError error, ImageFile file,
                  Instant publishedAt, long revision) {
        this.id = Objects.requireNonNull(id, "id");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.manifest = Objects.requireNonNull(manifest, "manifest");
        this.state = Objects.requireNonNull(state, "state");
        this.error = error;
        this.file = file;
        this.publishedAt = publishedAt;
        this.revision = revision;
    }

    /** A new image: a creation placeholder ({@code creating}) or an image awaiting its file ({@code unactivated}). */
    public static Image create(UUID id, UUID owner, Manifest manifest, ImageState initialState) {
        if (initialState != ImageState.CREATING && initialState != ImageState.UNACTIVATED) {
            throw new IllegalArgumentException("a new image starts creating or unactivated, not " + initialState);
        }
        return new Image(id, owner, manifest, initialState, null, null, null, 0);
    }

    /** Rebuilds a stored image exactly as it was saved. */
    public static Image restore(UUID id, UUID owner, Manifest manifest, ImageState state, ImageError error,
                                ImageFile file, Instant publishedAt, long revision) {
        return new Image(id, owner, manifest, state, error, file, publishedAt, revision);
    }

    /** An independent copy: what is done to one is not seen in the other. */
    public Image copy() {
        return new Image(id, owner, manifest, state, error, file, publishedAt, revision);
    }

    /** Keeps a published_at given by an imported manifest; activation otherwise sets it. */
    public void keepPublishedAt(Instant published) {
        requireNotActivated("published_at is set before activation");
        this.publishedAt = published == null ? null : PublishedAt.truncate(published);
    }

    public void attachFile(ImageFile newFile) {
        requireNotActivated("an image file is attached before activation");
        this.file = Objects.requireNonNull(newFile);
    }

    /** creating/unactivated → active. Needs a file; sets published_at unless already set. */
    public void activate(Instant now) {
        // The table also allows disabled → active, but that move is enable(), not a (re-)activation.
        requireNotActivated("only a creating or unactivated image can be activated");
        if (file == null) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "image " + id + " has no file to activate");
        }
        state = state.moveTo(ImageState.ACTIVE);
        if (publishedAt == null) {
            publishedAt = PublishedAt.truncate(now);
        }
    }

    public void fail(ImageError reason) {
        Objects.requireNonNull(reason, "reason");
        state = state.moveTo(ImageState.FAILED);
        this.error = reason;
    }

    public void disable() {
        state = state.moveTo(ImageState.DISABLED);
    }

    public void enable() {
        if (state != ImageState.DISABLED) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "only a disabled image can be enabled");
        }
        state = state.moveTo(ImageState.ACTIVE);
    }

    public void update(ImageUpdate update) {
        manifest = manifest.apply(update);
    }

    private void requireNotActivated(String rule) {
        if (state != ImageState.CREATING && state != ImageState.UNACTIVATED) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, rule + "; image " + id + " is " + state.wireName());
        }
    }

    public UUID id() {
        return id;
    }

    public UUID owner() {
        return owner;
    }

    public Manifest manifest() {
        return manifest;
    }

    public ImageState state() {
        return state;
    }

    public ImageError error() {
        return error;
    }

    public ImageFile file() {
        return file;
    }

    public Instant publishedAt() {
        return publishedAt;
    }

    public long revision() {
        return revision;
    }

    /** An image another is built on must be active when that one is. */
    public void requireActiveAsOrigin() {
        if (state != ImageState.ACTIVE) {
            throw new DomainException(ErrorCode.ORIGIN_IS_NOT_ACTIVE, "origin image " + id + " is not active");
        }
    }

    public boolean isOwnedBy(UUID account) {
        return owner.equals(account);
    }
}
