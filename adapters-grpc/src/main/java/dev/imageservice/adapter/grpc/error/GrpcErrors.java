package dev.imageservice.adapter.grpc.error;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.error.FieldError;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/**
 * The one table from CloudAPI error codes to gRPC status codes. The CloudAPI code travels in the
 * status details as a {@code google.rpc.ErrorInfo} reason, and a ValidationFailed's field errors as
 * {@code google.rpc.BadRequest} field violations, so clients can branch on them as REST clients do
 * on {@code code} and {@code errors}.
 */
public final class GrpcErrors {

    private static final int MAX_MESSAGE = 200;
    private static final int MAX_VIOLATION = 100;

    /** The ErrorInfo domain: reasons are CloudAPI error codes. */
    public static final String DOMAIN = "cloudapi";

    private GrpcErrors() {
    }

    /** The table. A switch over every code: a new ErrorCode does not compile until it has a row. */
    public static Status.Code statusOf(ErrorCode code) {
        return switch (code) {
            case RESOURCE_NOT_FOUND -> Status.Code.NOT_FOUND;
            case INVALID_ARGUMENT, MISSING_PARAMETER, VALIDATION_FAILED, INVALID_PARAMETER -> Status.Code.INVALID_ARGUMENT;
            // InvalidHeader only ever comes from authentication (a malformed signature, a skewed date).
            case INVALID_CREDENTIALS, INVALID_HEADER -> Status.Code.UNAUTHENTICATED;
            // UnauthorizedError (import of an image the caller does not own) is a 401 in REST, but the
            // caller is authenticated: over gRPC it is a permission problem.
            case NOT_AUTHORIZED, UNAUTHORIZED, NOT_MANTA_PATH_OWNER -> Status.Code.PERMISSION_DENIED;
            case IMAGE_UUID_ALREADY_EXISTS -> Status.Code.ALREADY_EXISTS;
            case NOT_IMAGE_OWNER, IMAGE_NOT_SHARED, ORIGIN_IS_NOT_ACTIVE, ORIGIN_DOES_NOT_EXIST,
                 OWNER_DOES_NOT_EXIST, IMAGE_HAS_DEPENDENT_IMAGES, PRECONDITION_FAILED -> Status.Code.FAILED_PRECONDITION;
            // An optimistic-lock conflict: retrying the whole call may succeed.
            case CONFLICT -> Status.Code.ABORTED;
            case NOT_AVAILABLE -> Status.Code.UNIMPLEMENTED;
            // A peer datacenter or the database failed us: the same call may work once it is back.
            case REMOTE_SOURCE_ERROR, SERVICE_UNAVAILABLE -> Status.Code.UNAVAILABLE;
            case INTERNAL_ERROR -> Status.Code.INTERNAL;
        };
    }

    /**
     * The status a failed call ends with: a DomainException by the table, anything else as InternalError.
     * A fault of the server's own (an unexpected failure, or a DomainException InternalError) rides along
     * as the status's cause, which never leaves the server: the access log prints its stack trace once,
     * with the call's request id.
     */
    public static StatusRuntimeException toStatusException(Throwable failure) {
        if (failure instanceof DomainException domain) {
            StatusRuntimeException mapped =
                    toStatusException(statusOf(domain.code()), domain.code().wireName(), domain.getMessage(), domain);
            return domain.code() == ErrorCode.INTERNAL_ERROR ? withCause(mapped, domain) : mapped;
        }
        if (failure instanceof StatusRuntimeException status) {
            return status;
        }
        return withCause(
                toStatusException(Status.Code.INTERNAL, ErrorCode.INTERNAL_ERROR.wireName(), "internal error", null),
                failure);
    }

    /** Ends a call that never reached a service method with the status {@link #toStatusException} maps the failure to. */
    public static void close(ServerCall<?, ?> call, Throwable failure) {
        StatusRuntimeException status = toStatusException(failure);
        call.close(status.getStatus(), status.getTrailers() == null ? new Metadata() : status.getTrailers());
    }

    /** A refusal of the adapter's own, not a domain error: {@code reason} is still the ErrorInfo reason. */
    public static StatusRuntimeException refusal(Status.Code status, String reason, String message) {
        return toStatusException(status, reason, message, null);
    }

    private static StatusRuntimeException withCause(StatusRuntimeException status, Throwable cause) {
        return new StatusRuntimeException(status.getStatus().withCause(cause), status.getTrailers());
    }

    private static StatusRuntimeException toStatusException(Status.Code status, String reason, String message,
                                                            DomainException domain) {
        com.google.rpc.Status.Builder details = com.google.rpc.Status.newBuilder()
                .setCode(status.value())
                .setMessage(message == null ? reason : shortened(message, MAX_MESSAGE))
                .addDetails(Any.pack(ErrorInfo.newBuilder().setReason(reason).setDomain(DOMAIN).build()));
        if (domain != null && !domain.errors().isEmpty()) {
            BadRequest.Builder badRequest = BadRequest.newBuilder();
            for (FieldError error : domain.errors()) {
                badRequest.addFieldViolations(BadRequest.FieldViolation.newBuilder()
                        .setField(error.field()).setReason(error.code())
                        .setDescription(shortened(error.message(), MAX_VIOLATION)));
            }
            details.addDetails(Any.pack(badRequest.build()));
        }
        return StatusProto.toStatusRuntimeException(details.build());
    }

    /**
     * Messages may quote the client's input (an id of 100 000 characters), and they travel twice in
     * the trailers (grpc-message and the details), which clients cap at 8 KiB: longer, and the
     * client sees the stream reset as INTERNAL instead of the answer.
     */
    private static String shortened(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }
}
