package dev.imageservice.domain.error;

/**
 * The stable CloudAPI error codes this service produces. The wire spelling is what clients
 * branch on; adapters map each code to a transport status in one table each.
 */
public enum ErrorCode {
    RESOURCE_NOT_FOUND("ResourceNotFound"),
    INVALID_ARGUMENT("InvalidArgument"),
    MISSING_PARAMETER("MissingParameter"),
    INVALID_PARAMETER("InvalidParameter"),
    VALIDATION_FAILED("ValidationFailed"),
    NOT_IMAGE_OWNER("NotImageOwner"),
    IMAGE_NOT_SHARED("ImageNotShared"),
    NOT_MANTA_PATH_OWNER("NotMantaPathOwner"),
    IMAGE_UUID_ALREADY_EXISTS("ImageUuidAlreadyExists"),
    ORIGIN_IS_NOT_ACTIVE("OriginIsNotActive"),
    ORIGIN_DOES_NOT_EXIST("OriginDoesNotExist"),
    /** An imported manifest names an owner account that does not exist here. */
    OWNER_DOES_NOT_EXIST("OwnerDoesNotExist"),
    IMAGE_HAS_DEPENDENT_IMAGES("ImageHasDependentImages"),
    INVALID_CREDENTIALS("InvalidCredentials"),
    UNAUTHORIZED("UnauthorizedError"),
    NOT_AUTHORIZED("NotAuthorized"),
    INVALID_HEADER("InvalidHeader"),
    /** An optimistic-lock conflict: someone else changed the image first. */
    CONFLICT("ConflictError"),
    /** The client named the revision it expects (If-Match) and the stored image is at another. */
    PRECONDITION_FAILED("PreconditionFailed"),
    NOT_AVAILABLE("NotAvailable"),
    /** A peer datacenter failed while we read from it. */
    REMOTE_SOURCE_ERROR("RemoteSourceError"),
    /** A backend this service needs (its database) cannot serve the request now; the same call may work later. */
    SERVICE_UNAVAILABLE("ServiceUnavailableError"),
    INTERNAL_ERROR("InternalError");

    private final String wireName;

    ErrorCode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
