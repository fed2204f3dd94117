package dev.imageservice.domain.image;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.FieldError;

/**
 * The one file of an image. {@code sha256} addresses the bytes in the file store; it is null
 * for a manifest that names a file not (yet) held here.
 */
public record ImageFile(String sha1, long size, Compression compression, String sha256) {

    public ImageFile {
        if (sha1 == null || !isLowerHex(sha1, 40)) {
            throw invalid("files[0].sha1 must be 40 lower-case hex digits");
        }
        if (size < 0) {
            throw invalid("files[0].size must not be negative");
        }
        if (compression == null) {
            throw invalid("files[0].compression is required");
        }
        if (sha256 != null && !isLowerHex(sha256, 64)) {
            throw invalid("files[0].sha256 must be 64 lower-case hex digits");
        }
    }

    public ImageFile withSha256(String digest) {
        return new ImageFile(sha1, size, compression, digest);
    }

    /** A loop, not a regular expression: every image read from the database checks both digests. */
    private static boolean isLowerHex(String text, int length) {
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static DomainException invalid(String message) {
        return DomainException.validationFailed(FieldError.invalid("files", message));
    }
}
