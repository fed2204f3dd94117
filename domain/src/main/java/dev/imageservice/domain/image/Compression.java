package dev.imageservice.domain.image;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.FieldError;
import java.util.Arrays;

/** How an image file is compressed, with the file-name extension an export uses. */
public enum Compression {
    GZIP("gzip", ".gz"),
    BZIP2("bzip2", ".bz2"),
    XZ("xz", ".xz"),
    NONE("none", "");

    private final String wireName;
    private final String extension;

    Compression(String wireName, String extension) {
        this.wireName = wireName;
        this.extension = extension;
    }

    public String wireName() {
        return wireName;
    }

    /** ".gz", ".bz2", ".xz", or "" for none. */
    public String extension() {
        return extension;
    }

    public static Compression of(String value) {
        return Arrays.stream(values()).filter(c -> c.wireName.equals(value)).findFirst()
                .orElseThrow(() -> DomainException.validationFailed(
                        FieldError.invalid("files", "unknown compression: " + value)));
    }
}
