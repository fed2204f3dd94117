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
import dev.imageservice.adapter.grpc.v1.ImageServiceGrpc.ImageServiceBlockingStub;
import dev.imageservice.adapter.grpc.v1.ListImagesRequest;
import dev.imageservice.adapter.grpc.v1.UpdateImageRequest;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.image.Image;
import dev.imageservice.bootstrap.rest.TestKey;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The status table, one real call per CloudAPI code: the gRPC status and the code in the details.
 * ImageUuidAlreadyExists and OriginIsNotActive come only from an import: see {@link GrpcImportTest}.
 * NotAvailable: {@link GrpcImageServiceTest}. InvalidCredentials and InvalidHeader: {@link GrpcAuthenticationTest}.
 */
@QuarkusTest
class GrpcStatusMappingTest {

    static final TestKey ADMIN_KEY = TestKey.generate();
    static final TestKey ALICE_KEY = TestKey.generate();
    static final TestKey BOB_KEY = TestKey.generate();

    @Inject
    TestData data;

    static GrpcClient client;
    static Account admin;
    static Account alice;
    static Account bob;
    static Image publicBase;

    @BeforeEach
    void seed() {
        if (client != null) {
            return;
        }
        client = new GrpcClient();
        admin = data.account("admin", true, ADMIN_KEY);
        alice = data.account("alice", false, ALICE_KEY);
        bob = data.account("bob", false, BOB_KEY);
        publicBase = data.activeImage(admin, "base", null, List.of(), true, "base".getBytes());
    }

    @AfterAll
    static void close() throws InterruptedException {
        client.close();
        client = null;
    }

    ImageServiceBlockingStub alice() {
        return client.as(alice, ALICE_KEY);
    }

    @Test
    void resourceNotFoundIsNotFound() {
        assertFails(() -> alice().getImage(get(UUID.randomUUID().toString())), Status.Code.NOT_FOUND, "ResourceNotFound");
        // Another account's private image is as absent as one that does not exist.
        Image hidden = data.activeImage(bob, "hidden");
        assertFails(() -> alice().getImage(get(hidden.id().toString())), Status.Code.NOT_FOUND, "ResourceNotFound");
    }

    @Test
    void invalidArgumentIsInvalidArgument() {
        Image own = data.activeImage(alice, "exportable");
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
        Image own = data.activeImage(alice, "valid");

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
        assertFails(() -> alice().deleteImage(delete(publicBase)), Status.Code.FAILED_PRECONDITION, "NotImageOwner");
    }

    @Test
    void imageNotSharedIsFailedPrecondition() {
        assertFails(() -> alice().cloneImage(CloneImageRequest.newBuilder().setId(publicBase.id().toString()).build()),
                Status.Code.FAILED_PRECONDITION, "ImageNotShared");
    }

    @Test
    void imageHasDependentImagesIsFailedPrecondition() {
        Image parent = data.activeImage(alice, "parent");
        data.activeImage(alice, "child", parent.id(), List.of(), false, "child".getBytes());

        assertFails(() -> alice().deleteImage(delete(parent)), Status.Code.FAILED_PRECONDITION, "ImageHasDependentImages");
        assertThat(data.exists(parent.id())).isTrue();
    }

    // Rows beyond the list, "as fits".

    @Test
    void notMantaPathOwnerIsPermissionDenied() {
        Image own = data.activeImage(alice, "exportable");
        assertFails(() -> alice().exportImage(ExportImageRequest.newBuilder().setId(own.id().toString())
                .setMantaPath("/" + bob.login() + "/stor/x").build()), Status.Code.PERMISSION_DENIED, "NotMantaPathOwner");
    }

    @Test
    void originDoesNotExistIsFailedPrecondition() {
        Image orphan = data.activeImage(bob, "orphan", UUID.randomUUID(), List.of(alice.id()), false, "o".getBytes());
        assertFails(() -> alice().cloneImage(CloneImageRequest.newBuilder().setId(orphan.id().toString()).build()),
                Status.Code.FAILED_PRECONDITION, "OriginDoesNotExist");
    }

    @Test
    void internalErrorIsInternal() {
        // The clone needs the shared image's file, which the store does not hold.
        Image hollow = data.imageWithoutContent(bob, publicBase.id(), List.of(alice.id()));
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
