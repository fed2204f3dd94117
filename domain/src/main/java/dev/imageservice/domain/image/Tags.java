package dev.imageservice.domain.image;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.FieldError;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Free-form key/value tags: a JSON object of at most 100 KiB serialised. */
public record Tags(Map<String, Object> values) {

    public static final int MAX_SERIALISED_BYTES = 100 * 1024;
    public static final Tags EMPTY = new Tags(Map.of());

    public Tags {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static Tags of(Object raw) {
        if (raw == null) {
            return EMPTY;
        }
        if (!(raw instanceof Map<?, ?> map)) {
            throw DomainException.validationFailed(FieldError.invalid("tags", "tags must be an object"));
        }
        if (JsonSize.of(map) > MAX_SERIALISED_BYTES) {
            throw DomainException.validationFailed(
                    FieldError.invalid("tags", "tags must be at most " + MAX_SERIALISED_BYTES + " bytes serialised"));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        map.forEach((key, value) -> values.put(String.valueOf(key), value));
        return new Tags(values);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }
}
