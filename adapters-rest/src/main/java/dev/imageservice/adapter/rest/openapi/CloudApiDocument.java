package dev.imageservice.adapter.rest.openapi;

/**
 * The names under which the OpenAPI document's shared parts are defined (in this package's
 * {@code package-info.java}) and referred to (by the resources and {@link CloudApiDocumentFilter}).
 */
public final class CloudApiDocument {

    public static final String HTTP_SIGNATURE = "httpSignature";

    public static final String TAG_IMAGES = "Images";
    public static final String TAG_ACCOUNT = "Account";
    public static final String TAG_MACHINES = "Machines";
    public static final String TAG_DATACENTERS = "Datacenters";
    public static final String TAG_EXPORTED = "ExportedObjects";

    /** Shared parameters (components/parameters). */
    public static final String LOGIN = "login";
    public static final String ACCEPT_VERSION = "Accept-Version";
    public static final String DATE = "Date";
    public static final String IF_MATCH = "If-Match";

    /** Shared response headers (components/headers). */
    public static final String API_VERSION = "Api-Version";
    public static final String REQUEST_ID = "Request-Id";
    public static final String RESPONSE_TIME = "Response-Time";
    public static final String LOCATION = "Location";
    public static final String JOB_ID = "x-joyent-jobid";
    public static final String DATACENTER_NAME = "Triton-Datacenter-Name";
    public static final String RESOURCE_COUNT = "x-resource-count";
    public static final String ETAG = "ETag";

    /** Shared error responses (components/responses). */
    public static final String BAD_REQUEST = "BadRequest";
    public static final String UNAUTHORIZED = "Unauthorized";
    public static final String FORBIDDEN = "Forbidden";
    public static final String NOT_FOUND = "NotFound";
    public static final String INTERNAL_ERROR = "InternalError";
    public static final String SERVICE_UNAVAILABLE = "ServiceUnavailable";
    public static final String PRECONDITION_FAILED = "PreconditionFailed";

    private CloudApiDocument() {
    }
}
