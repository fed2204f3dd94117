package dev.imageservice.adapter.grpc.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.error.FieldError;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The gRPC status of every CloudAPI error code, and the details a failed call carries. */
class GrpcErrorsTest {

    @Test
    void everyCodeHasItsStatus() {
        Map<String, Status.Code> actual = Arrays.stream(ErrorCode.values())
                .collect(Collectors.toMap(ErrorCode::wireName, GrpcErrors::statusOf));

        assertThat(actual).isEqualTo(Map.ofEntries(
                Map.entry("ResourceNotFound", Status.Code.NOT_FOUND),
                Map.entry("InvalidArgument", Status.Code.INVALID_ARGUMENT),
                Map.entry("MissingParameter", Status.Code.INVALID_ARGUMENT),
                Map.entry("ValidationFailed", Status.Code.INVALID_ARGUMENT),
                Map.entry("InvalidParameter", Status.Code.INVALID_ARGUMENT),
                Map.entry("InvalidCredentials", Status.Code.UNAUTHENTICATED),
                Map.entry("InvalidHeader", Status.Code.UNAUTHENTICATED),
                Map.entry("NotAuthorized", Status.Code.PERMISSION_DENIED),
                Map.entry("UnauthorizedError", Status.Code.PERMISSION_DENIED),
                Map.entry("NotMantaPathOwner", Status.Code.PERMISSION_DENIED),
                Map.entry("ImageUuidAlreadyExists", Status.Code.ALREADY_EXISTS),
                Map.entry("NotImageOwner", Status.Code.FAILED_PRECONDITION),
                Map.entry("ImageNotShared", Status.Code.FAILED_PRECONDITION),
                Map.entry("OriginIsNotActive", Status.Code.FAILED_PRECONDITION),
                Map.entry("OriginDoesNotExist", Status.Code.FAILED_PRECONDITION),
                Map.entry("OwnerDoesNotExist", Status.Code.FAILED_PRECONDITION),
                Map.entry("ImageHasDependentImages", Status.Code.FAILED_PRECONDITION),
                Map.entry("PreconditionFailed", Status.Code.FAILED_PRECONDITION),
                Map.entry("ConflictError", Status.Code.ABORTED),
                Map.entry("NotAvailable", Status.Code.UNIMPLEMENTED),
                Map.entry("RemoteSourceError", Status.Code.UNAVAILABLE),
                Map.entry("ServiceUnavailableError", Status.Code.UNAVAILABLE),
                Map.entry("InternalError", Status.Code.INTERNAL)));
    }

    @Test
    void aDomainErrorCarriesItsCodeAsErrorInfoReason() throws InvalidProtocolBufferException {
        StatusRuntimeException failure = GrpcErrors.toStatusException(
                new DomainException(ErrorCode.IMAGE_NOT_SHARED, "image is not shared with you"));

        assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        com.google.rpc.Status status = StatusProto.fromThrowable(failure);
        assertThat(status.getMessage()).isEqualTo("image is not shared with you");
        ErrorInfo info = unpack(status.getDetailsList(), ErrorInfo.class);
        assertThat(info.getReason()).isEqualTo("ImageNotShared");
        assertThat(info.getDomain()).isEqualTo(GrpcErrors.DOMAIN);
        assertThat(status.getDetailsList()).noneMatch(detail -> detail.is(BadRequest.class));
    }

    @Test
    void aValidationFailureCarriesItsFieldErrorsAsViolations() throws InvalidProtocolBufferException {
        StatusRuntimeException failure = GrpcErrors.toStatusException(DomainException.validationFailed(List.of(
                FieldError.invalid("name", "name is too long"), FieldError.invalid("homepage", "not a URL"))));

        assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        BadRequest badRequest = unpack(StatusProto.fromThrowable(failure).getDetailsList(), BadRequest.class);
        assertThat(badRequest.getFieldViolationsList())
                .extracting(BadRequest.FieldViolation::getField, BadRequest.FieldViolation::getReason,
                        BadRequest.FieldViolation::getDescription)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("name", "Invalid", "name is too long"),
                        org.assertj.core.groups.Tuple.tuple("homepage", "Invalid", "not a URL"));
    }

    /** A bug leaks nothing: INTERNAL with a fixed message, whatever the exception said. */
    @Test
    void anythingElseIsAnInternalErrorThatSaysNothingOfItsCause() throws InvalidProtocolBufferException {
        StatusRuntimeException failure = GrpcErrors.toStatusException(new IllegalStateException("secret detail"));

        assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        com.google.rpc.Status status = StatusProto.fromThrowable(failure);
        assertThat(status.getMessage()).isEqualTo("internal error").doesNotContain("secret");
        assertThat(unpack(status.getDetailsList(), ErrorInfo.class).getReason()).isEqualTo("InternalError");
    }

    /**
     * The server's own faults carry their exception as the status's cause (which stays on the server),
     * so that it is logged with its stack trace; a client's mistake carries none.
     */
    @Test
    void onlyTheServersOwnFaultsKeepTheirCause() {
        IllegalStateException bug = new IllegalStateException("bug");
        DomainException internal = new DomainException(ErrorCode.INTERNAL_ERROR, "image file x is not held here");

        assertThat(GrpcErrors.toStatusException(bug).getStatus().getCause()).isSameAs(bug);
        assertThat(GrpcErrors.toStatusException(internal).getStatus().getCause()).isSameAs(internal);
        assertThat(GrpcErrors.toStatusException(DomainException.notFound("no image x")).getStatus().getCause()).isNull();
    }

    @Test
    void aStatusAlreadyChosenPassesThrough() {
        StatusRuntimeException cancelled = Status.CANCELLED.asRuntimeException();

        assertThat(GrpcErrors.toStatusException(cancelled)).isSameAs(cancelled);
    }

    private static <T extends com.google.protobuf.Message> T unpack(List<Any> details, Class<T> type)
            throws InvalidProtocolBufferException {
        for (Any detail : details) {
            if (detail.is(type)) {
                return detail.unpack(type);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + details);
    }
}
