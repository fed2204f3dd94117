package dev.imageservice.domain.image;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.FieldError;
import java.util.regex.Pattern;

/**
 * The one file of an image. {@code sha256} addresses the bytes in the file store; it is null
 * for a manifest that names a file not (yet) held here.
 */
public record ImageFile(String sha1, long size, Compression compression, String sha256) {

    private static final Pattern SHA1 = Pattern.compile("^[0-9a-f]{40}$");
    private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");

    public ImageFile {
        if (sha1 == null || !SHA1.matcher(sha1).matches()) {
            throw invalid("files[0].sha1 must be 40 lower-case hex digits");
        }
        if (size < 0) {
            throw invalid("files[0].size must not be negative");
        }
        if (compression == null) {
            throw invalid("files[0].compression is required");
        }
        if (sha256 != null && !SHA256.matcher(sha256).matches()) {
            throw invalid("files[0].sha256 must be 64 lower-case hex digits");
        }
    }

    public ImageFile withSha256(String digest) {
        return new ImageFile(sha1, size, compression, digest);
    }

    private static DomainException invalid(String message) {
        return DomainException.validationFailed(FieldError.invalid("files", message));
    }
}
