package dev.imageservice.bootstrap.grpc;

import static dev.imageservice.bootstrap.grpc.GrpcClient.assertFails;
import static dev.imageservice.bootstrap.grpc.GrpcClient.fieldViolations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.rpc.BadRequest;
import dev.imageservice.adapter.grpc.v1.CloneImageRequest;
import dev.imageservice.adapter.grpc.v1.CreateImageFromMachineRequest;
import dev.imageservice.adapter.grpc.v1.DeleteImageRequest;
import dev.imageservice.adapter.grpc.v1.ExportImageRequest;
import dev.imageservice.adapter.grpc.v1.GetImageRequest;
import dev.imageservice.adapter.grpc.v1.ListImagesRequest;
import dev.imageservice.adapter.grpc.v1.UpdateImageRequest;
import dev.imageservice.domain.image.Image;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The status table, one real call per CloudAPI code: the gRPC status and the code in the details.
 * ImageUuidAlreadyExists and OriginIsNotActive come only from an import: see {@link GrpcImportTest}.
 * NotAvailable: {@link GrpcImageServiceTest}. InvalidCredentials and InvalidHeader: {@link GrpcAuthenticationTest}.
 */
@QuarkusTest
class GrpcStatusMappingTest extends SeededGrpcTest {

    @Test
    void resourceNotFoundIsNotFound() {
        assertFails(() -> alice().getImage(get(UUID.randomUUID().toString())), Status.Code.NOT_FOUND, "ResourceNotFound");
        // Another account's private image is as absent as one that does not exist.
        Image hidden = activeImage(bob, "hidden");
        assertFails(() -> alice().getImage(get(hidden.id().toString())), Status.Code.NOT_FOUND, "ResourceNotFound");
    }

    @Test
    void invalidArgumentIsInvalidArgument() {
        Image own = activeImage(alice, "exportable");
        assertFails(() -> alice().exportImage(ExportImageRequest.newBuilder().setId(own.id().toString())
                .setMantaPath("relative/path").build()), Status.Code.INVALID_ARGUMENT, "InvalidArgument");
    }

    @Test
    void missingParameterIsInvalidArgument() {
        assertFails(() -> alice().createImageFromMachine(CreateImageFromMachineRequest.newBuilder()
                .setName("n").setVersion("1").build()), Status.Code.INVALID_ARGUMENT, "MissingParameter");
    }

    @Test
    void invalidParameterIsInvalidArgument() {
        assertFails(() -> alice().listImages(ListImagesRequest.newBuilder().setState("sleeping").build()),
                Status.Code.INVALID_ARGUMENT, "InvalidParameter");
    }

    @Test
    void validationFailedIsInvalidArgumentWithEveryBadFieldInTheDetails() {
        Image own = activeImage(alice, "valid");

        com.google.rpc.Status details = assertFails(() -> alice().updateImage(UpdateImageRequest.newBuilder()
                        .setId(own.id().toString()).setName("bad name!").setHomepage("ftp://example.com").build()),
                Status.Code.INVALID_ARGUMENT, "ValidationFailed");

        assertThat(fieldViolations(details))
                .extracting(BadRequest.FieldViolation::getField, BadRequest.FieldViolation::getReason)
                .containsExactlyInAnyOrder(tuple("name", "Invalid"), tuple("homepage", "Invalid"));
        assertThat(fieldViolations(details)).allSatisfy(violation -> assertThat(violation.getDescription()).isNotBlank());
    }

    @Test
    void notAuthorizedIsPermissionDenied() {
        assertFails(() -> alice().listImages(ListImagesRequest.newBuilder().setLogin(bob.login()).build()),
                Status.Code.PERMISSION_DENIED, "NotAuthorized");
    }

    @Test
    void notImageOwnerIsFailedPrecondition() {
        assertFails(() -> alice().deleteImage(delete(base)), Status.Code.FAILED_PRECONDITION, "NotImageOwner");
    }

    @Test
    void imageNotSharedIsFailedPrecondition() {
        assertFails(() -> alice().cloneImage(CloneImageRequest.newBuilder().setId(base.id().toString()).build()),
                Status.Code.FAILED_PRECONDITION, "ImageNotShared");
    }

    @Test
    void imageHasDependentImagesIsFailedPrecondition() {
        Image parent = activeImage(alice, "parent");
        data.image(alice, "child").origin(parent.id()).content("child".getBytes()).add();

        assertFails(() -> alice().deleteImage(delete(parent)), Status.Code.FAILED_PRECONDITION, "ImageHasDependentImages");
        assertThat(data.find(parent.id())).isNotNull();
    }

    // Rows beyond the list, "as fits".

    @Test
    void notMantaPathOwnerIsPermissionDenied() {
        Image own = activeImage(alice, "exportable");
        assertFails(() -> alice().exportImage(ExportImageRequest.newBuilder().setId(own.id().toString())
                .setMantaPath("/" + bob.login() + "/stor/x").build()), Status.Code.PERMISSION_DENIED, "NotMantaPathOwner");
    }

    @Test
    void originDoesNotExistIsFailedPrecondition() {
        Image orphan = data.image(bob, "orphan").origin(UUID.randomUUID()).sharedWith(alice).content("o".getBytes()).add();
        assertFails(() -> alice().cloneImage(CloneImageRequest.newBuilder().setId(orphan.id().toString()).build()),
                Status.Code.FAILED_PRECONDITION, "OriginDoesNotExist");
    }

    @Test
    void internalErrorIsInternal() {
        // The clone needs the shared image's file, which the store does not hold.
        Image hollow = data.image(bob, "hollow").origin(base.id()).sharedWith(alice).fileMissingFromStore().add();
        assertFails(() -> alice().cloneImage(CloneImageRequest.newBuilder().setId(hollow.id().toString()).build()),
                Status.Code.INTERNAL, "InternalError");
    }

    private static GetImageRequest get(String id) {
        return GetImageRequest.newBuilder().setLogin("my").setId(id).build();
    }

    private static DeleteImageRequest delete(Image image) {
        return DeleteImageRequest.newBuilder().setLogin("my").setId(image.id().toString()).build();
    }
}
