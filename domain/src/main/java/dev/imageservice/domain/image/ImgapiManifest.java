package dev.imageservice.domain.image;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.FieldError;
import dev.imageservice.domain.error.FieldErrors;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * An image as an IMGAPI manifest (v2): the form exports write, imports read and peers are read in.
 * The members are JSON values as plain Java (maps, lists, strings, numbers, booleans); the bytes of
 * JSON are the adapters' business. Read, every field is checked by the domain's value objects and
 * every bad field reported in one ValidationFailed; members this service does not keep
 * ({@code disabled}, {@code urn}, {@code billing_tags}, ...) are ignored.
 *
 * @param file  {@code files[0]} as the manifest describes it (no SHA-256 when read: the bytes are not here), or null
 * @param state read: the state asked for once the file is in (active, disabled or unactivated)
 */
public record ImgapiManifest(UUID id, UUID owner, Manifest manifest, ImageFile file, Instant publishedAt,
                        ImageState state) {

    public ImgapiManifest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(state, "state");
    }

    /** The manifest of a stored image, as an export carries it. */
    public static ImgapiManifest of(Image image) {
        return new ImgapiManifest(image.id(), image.owner(), image.manifest(), image.file(), image.publishedAt(),
                image.state());
    }

    public static ImgapiManifest read(Map<String, Object> raw) {
        FieldErrors errors = new FieldErrors();
        UUID id = errors.attempt(() -> id(raw));
        UUID owner = errors.attempt(() -> uuid(raw, "owner", true));
        ImageName name = errors.attempt(() -> ImageName.of(text(raw, "name")));
        ImageVersion version = errors.attempt(() -> ImageVersion.of(text(raw, "version")));
        Description description = optional(raw, "description", errors, () -> Description.of(text(raw, "description")));
        WebAddress homepage = optional(raw, "homepage", errors, () -> new WebAddress("homepage", text(raw, "homepage")));
        WebAddress eula = optional(raw, "eula", errors, () -> new WebAddress("eula", text(raw, "eula")));
        ImageOs os = optional(raw, "os", errors, () -> ImageOs.of(text(raw, "os")));
        ImageType type = optional(raw, "type", errors, () -> ImageType.of(text(raw, "type")));
        Requirements requirements = errors.attempt(() -> Requirements.of(raw.get("requirements")));
        Tags tags = errors.attempt(() -> Tags.of(raw.get("tags")));
        Acl acl = errors.attempt(() -> Acl.of(raw.get("acl")));
        Boolean isPublic = errors.attempt(() -> flag(raw, "public"));
        UUID origin = errors.attempt(() -> uuid(raw, "origin", false));
        Instant publishedAt = optional(raw, "published_at", errors, () -> PublishedAt.parse(text(raw, "published_at")));
        ImageFile file = errors.attempt(() -> file(raw.get("files")));
        ImageState state = errors.attempt(() -> state(raw.get("state")));
        errors.attempt(() -> manifestVersion(raw.get("v")));
        errors.throwIfAny();
        Manifest manifest = new Manifest(name, version, description, homepage, eula, os, type, requirements, tags, acl,
                isPublic, origin);
        return new ImgapiManifest(id, owner, manifest, file, publishedAt, state);
    }

    /** The manifest's JSON members, in IMGAPI's order; absent fields are left out. */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("v", 2);
        out.put("uuid", id.toString());
        out.put("owner", owner.toString());
        out.put("name", manifest.name().value());
        out.put("version", manifest.version().value());
        putIfPresent(out, "description", manifest.description() == null ? null : manifest.description().value());
        putIfPresent(out, "homepage", manifest.homepage() == null ? null : manifest.homepage().value());
        putIfPresent(out, "eula", manifest.eula() == null ? null : manifest.eula().value());
        out.put("state", state.wireName());
        out.put("disabled", state == ImageState.DISABLED);
        out.put("public", manifest.isPublic());
        putIfPresent(out, "published_at", publishedAt == null ? null : DateTimeFormatter.ISO_INSTANT.format(publishedAt));
        putIfPresent(out, "type", manifest.type() == null ? null : manifest.type().wireName());
        putIfPresent(out, "os", manifest.os() == null ? null : manifest.os().wireName());
        putIfPresent(out, "origin", manifest.origin() == null ? null : manifest.origin().toString());
        if (file != null) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("sha1", file.sha1());
            entry.put("size", file.size());
            entry.put("compression", file.compression().wireName());
            out.put("files", List.of(entry));
        }
        out.put("requirements", manifest.requirements().toMap());
        if (!manifest.acl().isEmpty()) {
            out.put("acl", manifest.acl().accounts().stream().map(Object::toString).toList());
        }
        if (!manifest.tags().isEmpty()) {
            out.put("tags", manifest.tags().values());
        }
        return out;
    }

    /** The image this manifest describes as another datacenter holds it: its id, owner, state and published_at. */
    public Image asRemoteImage() {
        return Image.restore(id, owner, manifest, state, null, file, publishedAt, 0);
    }

    private static void putIfPresent(Map<String, Object> out, String key, Object value) {
        if (value != null) {
            out.put(key, value);
        }
    }

    /** IMGAPI names the id {@code uuid}; {@code id} (the CloudAPI spelling) is accepted too. */
    private static UUID id(Map<String, Object> raw) {
        UUID uuid = uuid(raw, "uuid", false);
        UUID id = uuid(raw, "id", false);
        if (uuid != null && id != null && !uuid.equals(id)) {
            throw invalid("uuid", "uuid and id name different images");
        }
        if (uuid == null && id == null) {
            throw DomainException.validationFailed(new FieldError("uuid", FieldError.MISSING, "uuid is required"));
        }
        return uuid != null ? uuid : id;
    }

    private static UUID uuid(Map<String, Object> raw, String field, boolean required) {
        Object value = raw.get(field);
        if (value == null) {
            if (required) {
                throw DomainException.validationFailed(new FieldError(field, FieldError.MISSING, field + " is required"));
            }
            return null;
        }
        UUID uuid = value instanceof String text ? Uuids.parse(text) : null;
        if (uuid == null) {
            throw invalid(field, field + " must be a UUID");
        }
        return uuid;
    }

    /** The text of a field; null when absent, so that the value object reports it missing. */
    private static String text(Map<String, Object> raw, String field) {
        Object value = raw.get(field);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw invalid(field, field + " must be a string");
    }

    private static <T> T optional(Map<String, Object> raw, String field, FieldErrors errors, Supplier<T> factory) {
        return raw.get(field) == null ? null : errors.attempt(factory);
    }

    private static boolean flag(Map<String, Object> raw, String field) {
        Object value = raw.get(field);
        if (value == null || value instanceof Boolean) {
            return Boolean.TRUE.equals(value);
        }
        throw invalid(field, field + " must be true or false");
    }

    private static ImageFile file(Object raw) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof List<?> files)) {
            throw invalid("files", "files must be an array");
        }
        if (files.isEmpty()) {
            return null;
        }
        if (files.size() > 1) {
            throw invalid("files", "an image has at most one file");
        }
        if (!(files.get(0) instanceof Map<?, ?> entry)) {
            throw invalid("files", "files[0] must be an object");
        }
        Object sha1 = entry.get("sha1");
        Object size = entry.get("size");
        Object compression = entry.get("compression");
        if (!(sha1 instanceof String sha1Text)) {
            throw invalid("files", "files[0].sha1 is required");
        }
        if (!(size instanceof Number number) || number.doubleValue() != number.longValue()) {
            throw invalid("files", "files[0].size must be an integer number of bytes");
        }
        if (!(compression instanceof String compressionText)) {
            throw invalid("files", "files[0].compression is required");
        }
        return new ImageFile(sha1Text, number.longValue(), Compression.of(compressionText), null);
    }

    private static ImageState state(Object raw) {
        if (raw == null) {
            return ImageState.ACTIVE;
        }
        return switch (String.valueOf(raw)) {
            case "active" -> ImageState.ACTIVE;
            case "disabled" -> ImageState.DISABLED;
            case "unactivated" -> ImageState.UNACTIVATED;
            default -> throw invalid("state", "an imported image is active, disabled or unactivated, not " + raw);
        };
    }

    private static Void manifestVersion(Object raw) {
        if (raw != null && !(raw instanceof Number number && number.doubleValue() == 2)) {
            throw invalid("v", "only manifest version 2 is supported");
        }
        return null;
    }

    private static DomainException invalid(String field, String message) {
        return DomainException.validationFailed(FieldError.invalid(field, message));
    }
}
