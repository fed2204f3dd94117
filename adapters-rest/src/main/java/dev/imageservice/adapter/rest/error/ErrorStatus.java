package dev.imageservice.adapter.rest.error;

import dev.imageservice.domain.error.ErrorCode;

/**
 * The one table from CloudAPI error code to HTTP status (docs/compatibility.md, "Errors"). The switch has
 * no default on purpose: a new {@link ErrorCode} does not compile until it is given a status here.
 */
public final class ErrorStatus {

    private ErrorStatus() {
    }

    public static int of(ErrorCode code) {
        return switch (code) {
            case INVALID_HEADER -> 400;
            case INVALID_CREDENTIALS, UNAUTHORIZED -> 401;
            case NOT_AUTHORIZED -> 403;
            case RESOURCE_NOT_FOUND -> 404;
            case INVALID_ARGUMENT, MISSING_PARAMETER, IMAGE_UUID_ALREADY_EXISTS, CONFLICT -> 409;
            // The reference answers these with 422, not 403: ownership problems are "unprocessable".
            case VALIDATION_FAILED, INVALID_PARAMETER, NOT_IMAGE_OWNER, IMAGE_NOT_SHARED, NOT_MANTA_PATH_OWNER,
                 ORIGIN_IS_NOT_ACTIVE, ORIGIN_DOES_NOT_EXIST, OWNER_DOES_NOT_EXIST, IMAGE_HAS_DEPENDENT_IMAGES -> 422;
            case PRECONDITION_FAILED -> 412;
            case INTERNAL_ERROR -> 500;
            case NOT_AVAILABLE -> 501;
            case REMOTE_SOURCE_ERROR, SERVICE_UNAVAILABLE -> 503;
        };
    }

    /** Errors of the HTTP protocol itself, raised by this adapter only; each carries its status. */
    public enum Protocol {
        INVALID_VERSION(400, "InvalidVersion"),
        INVALID_CONTENT(400, "InvalidContent"),
        BAD_REQUEST(400, "BadRequestError"),
        RESOURCE_NOT_FOUND(404, "ResourceNotFound"),
        MISSING_PARAMETER(409, "MissingParameter"),
        INVALID_ARGUMENT(409, "InvalidArgument"),
        METHOD_NOT_ALLOWED(405, "MethodNotAllowedError"),
        WRONG_ACCEPT(406, "WrongAccept"),
        REQUEST_ENTITY_TOO_LARGE(413, "RequestEntityTooLargeError"),
        UNSUPPORTED_MEDIA_TYPE(415, "UnsupportedMediaTypeError"),
        INTERNAL_ERROR(500, "InternalError");

        private final int status;
        private final String wireName;

        Protocol(int status, String wireName) {
            this.status = status;
            this.wireName = wireName;
        }

        public int status() {
            return status;
        }

        public String wireName() {
            return wireName;
        }
    }
}
