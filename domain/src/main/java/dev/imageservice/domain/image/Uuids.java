package dev.imageservice.domain.image;

import java.util.UUID;
import java.util.regex.Pattern;

/** Strict UUID parsing: {@link UUID#fromString} accepts short forms such as "1-1-1-1-1". */
public final class Uuids {

    private static final Pattern CANONICAL =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private Uuids() {
    }

    /** The UUID, or null when the text is not a canonical UUID. */
    public static UUID parse(String text) {
        return text != null && CANONICAL.matcher(text).matches() ? UUID.fromString(text) : null;
    }
}
