package dev.imageservice.domain.export;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A Manta object path, {@code /LOGIN/stor/...} or {@code /LOGIN/public/...}, normalised (single
 * slashes, no trailing slash) and safe to hand to any store: every object or directory name it
 * holds is one a file system and an object store both accept as is. Every path is checked when it
 * is made, so a store never sees a name it would choke on and a client's bad path is its own
 * InvalidArgument instead of a server error.
 *
 * @param value the normalised path, starting with {@code /}
 */
public record MantaPath(String value) {

    /**
     * One name's limit in UTF-8 bytes: the common file-system limit (ext4, XFS, ZFS, APFS, NTFS),
     * so a local store can write every name the path holds.
     */
    public static final int MAX_SEGMENT_BYTES = 255;

    /**
     * The whole path's limit in UTF-8 bytes: below S3's 1,024-byte key limit with room for the
     * prefix an object store puts in front, and far below a file system's path limit.
     */
    public static final int MAX_PATH_BYTES = 960;

    /** The two areas below a login that hold objects. */
    private static final List<String> AREAS = List.of("stor", "public");

    /**
     * Percent-encoded separators, dots and NUL left in a name after the transport decoded it once:
     * a store or proxy that decodes again would see another path than the one checked here.
     */
    private static final Pattern ENCODED = Pattern.compile("%(2f|5c|2e|00)", Pattern.CASE_INSENSITIVE);

    public MantaPath {
        check(value);
    }

    /**
     * Parses what a client sent: repeated slashes collapse and a trailing one is dropped, anything
     * else that is not a plain object path is InvalidArgument (the message says why).
     */
    public static MantaPath parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw invalid("manta_path is empty");
        }
        if (!raw.startsWith("/")) {
            throw invalid("manta_path must be absolute");
        }
        // Checked before normalising, so the message names the character the client sent.
        rejectControlCharacters(raw);
        return new MantaPath(raw.replaceAll("/+", "/").replaceAll("(.)/$", "$1"));
    }

    /**
     * This path, when it lies in {@code login}'s {@code stor} or {@code public} area; another
     * account's path is NotMantaPathOwner, a path outside both areas InvalidArgument.
     */
    public MantaPath requireOwnedBy(String login) {
        String[] segments = segments();
        if (!segments[0].equals(login)) {
            throw new DomainException(ErrorCode.NOT_MANTA_PATH_OWNER,
                    "manta_path " + value + " does not belong to " + login);
        }
        if (segments.length < 2 || !AREAS.contains(segments[1])) {
            throw invalid("manta_path must be under /" + login + "/stor or /" + login + "/public");
        }
        return this;
    }

    /** Whether this is an account's {@code stor} or {@code public} directory itself. */
    public boolean isArea() {
        String[] segments = segments();
        return segments.length == 2 && AREAS.contains(segments[1]);
    }

    /** The path of {@code name} inside this directory; checked like any other path. */
    public MantaPath child(String name) {
        return new MantaPath(value + "/" + name);
    }

    /** This path with {@code suffix} appended to its last name ({@code .imgmanifest}); checked again. */
    public MantaPath withSuffix(String suffix) {
        return new MantaPath(value + suffix);
    }

    /** The names after the leading slash: the login first. */
    public String[] segments() {
        return value.substring(1).split("/");
    }

    @Override
    public String toString() {
        return value;
    }

    private static void check(String value) {
        if (value == null || !value.startsWith("/") || value.length() == 1) {
            throw invalid("manta_path must be an absolute path below a login");
        }
        rejectControlCharacters(value);
        if (utf8Length(value) > MAX_PATH_BYTES) {
            throw invalid("manta_path is longer than " + MAX_PATH_BYTES + " bytes");
        }
        for (String segment : value.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw invalid("manta_path may not contain empty, '.' or '..' names: " + value);
            }
            if (utf8Length(segment) > MAX_SEGMENT_BYTES) {
                throw invalid("a name in manta_path is longer than " + MAX_SEGMENT_BYTES + " bytes");
            }
            if (segment.indexOf('\\') >= 0 || ENCODED.matcher(segment).find()) {
                throw invalid("manta_path may not contain a backslash or an encoded separator, dot or NUL");
            }
        }
    }

    private static void rejectControlCharacters(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c) && !validSurrogateAt(value, i)) {
                throw invalid(String.format(Locale.ROOT,
                        "manta_path may not contain control characters or broken UTF-16 (U+%04X at %d)", (int) c, i));
            }
            if (c == '\uFFFD') {
                // What a decoder puts where the client's bytes were not UTF-8: the name meant is unknown.
                throw invalid("manta_path may not contain U+FFFD, the mark of bytes that were not UTF-8 (at " + i + ")");
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
    }

    private static boolean validSurrogateAt(String value, int i) {
        return Character.isHighSurrogate(value.charAt(i)) && i + 1 < value.length()
                && Character.isLowSurrogate(value.charAt(i + 1));
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static DomainException invalid(String message) {
        return new DomainException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
