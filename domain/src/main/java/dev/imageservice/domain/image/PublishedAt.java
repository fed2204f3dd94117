package dev.imageservice.domain.image;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.FieldError;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/** The manifest's published_at format: {@code YYYY-MM-DDTHH:MM:SS(.SSS)Z}. */
public final class PublishedAt {

    private static final Pattern FORMAT = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{3})?Z$");

    private PublishedAt() {
    }

    public static Instant parse(String text) {
        if (text == null || !FORMAT.matcher(text).matches()) {
            throw invalid();
        }
        try {
            return Instant.from(DateTimeFormatter.ISO_INSTANT.parse(text));
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    /** Millisecond precision, the precision the format can carry. */
    public static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    private static DomainException invalid() {
        return DomainException.validationFailed(
                FieldError.invalid("published_at", "published_at must be YYYY-MM-DDTHH:MM:SS(.SSS)Z"));
    }
}
