package dev.imageservice.application.service;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;

/** Manta object paths: {@code /LOGIN/stor/...}, where the first segment names the owning account. */
final class MantaPaths {

    private MantaPaths() {
    }

    /**
     * The normalised path (no trailing slash) if its first segment is {@code login}; a path of
     * another account is NotMantaPathOwner, and one that escapes with {@code ..}, is empty or lies
     * outside the account's {@code stor} and {@code public} areas is InvalidArgument.
     */
    static String ownedBy(String login, String path) {
        if (!path.startsWith("/")) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "manta_path must be absolute: " + path);
        }
        String trimmed = path.replaceAll("/+", "/").replaceAll("/$", "");
        String[] segments = trimmed.substring(1).split("/");
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new DomainException(ErrorCode.INVALID_ARGUMENT, "manta_path is not a valid object path: " + path);
            }
        }
        if (!segments[0].equals(login)) {
            throw new DomainException(ErrorCode.NOT_MANTA_PATH_OWNER,
                    "manta_path " + path + " does not belong to " + login);
        }
        if (segments.length < 2 || !(segments[1].equals("stor") || segments[1].equals("public"))) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT,
                    "manta_path must be under /" + login + "/stor or /" + login + "/public");
        }
        return trimmed;
    }
}
