package dev.imageservice.domain.access;

/** A list filter on name or version: exact, or a case-sensitive substring when written {@code ~text}. */
public record TextMatch(String text, boolean substring) {

    public static TextMatch parse(String filter) {
        if (filter == null) {
            return null;
        }
        return filter.startsWith("~") ? new TextMatch(filter.substring(1), true) : new TextMatch(filter, false);
    }

    public boolean matches(String value) {
        return value != null && (substring ? value.contains(text) : value.equals(text));
    }
}
