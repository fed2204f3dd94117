package dev.imageservice.domain.image;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.error.FieldError;
import dev.imageservice.domain.error.FieldErrors;
import java.util.Map;
import java.util.Objects;
import java.util.List;
import java.util.function.Function;

/**
 * The changes an UpdateImage may make: only seven fields; a JSON null removes a field
 * ({@code acl: null} empties the ACL); anything else in the request is ignored.
 */
public final class ImageUpdate {

    /** The updatable fields, in the order the API documents them: the one list of them. */
    public static final List<String> FIELDS = List.of("name", "version", "description", "homepage", "eula", "acl", "tags");

    private final Change<ImageName> name;
    private final Change<ImageVersion> version;
    private final Change<Description> description;
    private final Change<WebAddress> homepage;
    private final Change<WebAddress> eula;
    private final Change<Acl> acl;
    private final Change<Tags> tags;

    private ImageUpdate(Map<String, Object> raw) {
        FieldErrors errors = new FieldErrors();
        name = change(raw, "name", errors, value -> ImageName.of(text("name", value)));
        version = change(raw, "version", errors, value -> ImageVersion.of(text("version", value)));
        description = change(raw, "description", errors, value -> Description.of(text("description", value)));
        homepage = change(raw, "homepage", errors, value -> new WebAddress("homepage", text("homepage", value)));
        eula = change(raw, "eula", errors, value -> new WebAddress("eula", text("eula", value)));
        acl = change(raw, "acl", errors, Acl::of);
        tags = change(raw, "tags", errors, Tags::of);
        for (String required : new String[] {"name", "version"}) {
            if (raw.containsKey(required) && raw.get(required) == null) {
                errors.add(new FieldError(required, FieldError.MISSING, required + " cannot be removed"));
            }
        }
        errors.throwIfAny();
    }

    /** Validates the request's fields; no updatable field at all is a ValidationFailed. */
    public static ImageUpdate of(Map<String, Object> raw) {
        if (raw.keySet().stream().noneMatch(FIELDS::contains)) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED,
                    "no updatable fields given; allowed: " + String.join(", ", FIELDS));
        }
        return new ImageUpdate(raw);
    }

    /**
     * Whether each field this update sets holds the same value in {@code current} as it did in
     * {@code before}: then another writer changed only other fields, and applying this update to
     * {@code current} keeps both changes. Otherwise re-applying it would overwrite a change its
     * sender never saw.
     */
    public boolean setsOnlyFieldsUnchangedBetween(Manifest before, Manifest current) {
        return unchanged(name, before.name(), current.name())
                && unchanged(version, before.version(), current.version())
                && unchanged(description, before.description(), current.description())
                && unchanged(homepage, before.homepage(), current.homepage())
                && unchanged(eula, before.eula(), current.eula())
                && unchanged(acl, before.acl(), current.acl())
                && unchanged(tags, before.tags(), current.tags());
    }

    private static boolean unchanged(Change<?> change, Object before, Object current) {
        return !change.present() || Objects.equals(before, current);
    }

    private static <T> Change<T> change(Map<String, Object> raw, String field, FieldErrors errors,
                                        Function<Object, T> factory) {
        if (!raw.containsKey(field)) {
            return Change.keep();
        }
        Object value = raw.get(field);
        if (value == null) {
            return Change.remove(emptyOf(field));
        }
        T parsed = errors.attempt(() -> factory.apply(value));
        return parsed == null ? Change.keep() : Change.set(parsed);
    }

    @SuppressWarnings("unchecked")
    private static <T> T emptyOf(String field) {
        return (T) switch (field) {
            case "acl" -> Acl.EMPTY;
            case "tags" -> Tags.EMPTY;
            default -> null;
        };
    }

    private static String text(String field, Object value) {
        if (value instanceof String text) {
            return text;
        }
        throw DomainException.validationFailed(FieldError.invalid(field, field + " must be a string"));
    }

    Change<ImageName> name() {
        return name;
    }

    Change<ImageVersion> version() {
        return version;
    }

    Change<Description> description() {
        return description;
    }

    Change<WebAddress> homepage() {
        return homepage;
    }

    Change<WebAddress> eula() {
        return eula;
    }

    Change<Acl> acl() {
        return acl;
    }

    Change<Tags> tags() {
        return tags;
    }

    /** Keep the current value, or replace it (a removal replaces it with the empty value or null). */
    record Change<T>(boolean present, T value) {
        static <T> Change<T> keep() {
            return new Change<>(false, null);
        }

        static <T> Change<T> set(T value) {
            return new Change<>(true, value);
        }

        static <T> Change<T> remove(T emptyValue) {
            return new Change<>(true, emptyValue);
        }

        T orElse(T current) {
            return present ? value : current;
        }
    }
}
