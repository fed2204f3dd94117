package dev.imageservice.bootstrap.grpc;

import static dev.imageservice.bootstrap.grpc.GrpcClient.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.imageservice.adapter.grpc.v1.CloneImageRequest;
import dev.imageservice.adapter.grpc.v1.CreateImageFromMachineRequest;
import dev.imageservice.adapter.grpc.v1.CreateImageFromMachineResponse;
import dev.imageservice.adapter.grpc.v1.DeleteImageRequest;
import dev.imageservice.adapter.grpc.v1.ExportImageRequest;
import dev.imageservice.adapter.grpc.v1.ExportImageResponse;
import dev.imageservice.adapter.grpc.v1.GetImageRequest;
import dev.imageservice.adapter.grpc.v1.Image;
import dev.imageservice.adapter.grpc.v1.ImportImageFromDatacenterRequest;
import dev.imageservice.adapter.grpc.v1.ListImagesRequest;
import dev.imageservice.adapter.grpc.v1.UpdateImageRequest;
import dev.imageservice.domain.machine.MachineState;
import io.grpc.Status;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every operation of imageservice.v1.ImageService over a real channel, signed as a real client signs. */
@QuarkusTest
class GrpcImageServiceTest extends SeededGrpcTest {

    @Test
    void listImagesShowsWhatTheCallerMaySeeFiltered() {
        var own = activeImage(alice, "listed");
        var others = activeImage(bob, "private");

        List<Image> all = alice().listImages(ListImagesRequest.newBuilder().setLogin("my").build()).getImagesList();
        List<Image> mine = alice().listImages(ListImagesRequest.newBuilder().setLogin(alice.login())
                .setOwner(alice.id().toString()).build()).getImagesList();
        List<Image> publicOnes = alice().listImages(ListImagesRequest.newBuilder().setPublic(true).build()).getImagesList();

        assertThat(all).extracting(Image::getId).contains(own.id().toString(), base.id().toString())
                .doesNotContain(others.id().toString());
        assertThat(mine).extracting(Image::getId).contains(own.id().toString());
        assertThat(mine).extracting(Image::getOwner).containsOnly(alice.id().toString());
        assertThat(publicOnes).extracting(Image::getId).contains(base.id().toString())
                .doesNotContain(own.id().toString());
    }

    @Test
    void getImageMirrorsTheManifest() {
        var stored = data.image(alice, "shown").origin(base.id()).sharedWith(bob).content("shown".getBytes())
                .requirements(Map.of("min_ram", 512)).tags(Map.of("role", "shown")).add();

        Image image = alice().getImage(GetImageRequest.newBuilder().setLogin("my").setId(stored.id().toString()).build());

        assertThat(image.getId()).isEqualTo(stored.id().toString());
        assertThat(image.getName()).isEqualTo("shown");
        assertThat(image.getVersion()).isEqualTo("1.0.0");
        assertThat(image.getOs()).isEqualTo("smartos");
        assertThat(image.getType()).isEqualTo("zone-dataset");
        assertThat(image.getState()).isEqualTo("active");
        assertThat(image.getOwner()).isEqualTo(alice.id().toString());
        assertThat(image.getPublic()).isFalse();
        assertThat(image.getOrigin()).isEqualTo(base.id().toString());
        assertThat(image.getAclList()).containsExactly(bob.id().toString());
        assertThat(image.hasDescription()).isFalse();
        assertThat(image.hasError()).isFalse();
        assertThat(image.getRequirements().getFieldsMap()).containsEntry("min_ram", number(512))
                .containsEntry("min_memory", number(512));
        assertThat(image.getTags().getFieldsMap()).containsEntry("role", text("shown"));
        assertThat(image.getFilesList()).singleElement().satisfies(file -> {
            assertThat(file.getSha1()).isEqualTo(stored.file().sha1());
            assertThat(file.getSize()).isEqualTo(5);
            assertThat(file.getCompression()).isEqualTo("none");
        });
        Instant published = Instant.ofEpochSecond(image.getPublishedAt().getSeconds(), image.getPublishedAt().getNanos());
        assertThat(published).isEqualTo(stored.publishedAt());
    }

    @Test
    void everySpellingOfTheCallersLoginResolvesToTheCaller_andAnOperatorMayActForAnyone() {
        var own = activeImage(alice, "mine");
        GetImageRequest.Builder request = GetImageRequest.newBuilder().setId(own.id().toString());

        for (String login : List.of("my", "", alice.login())) {
            assertThat(alice().getImage(request.setLogin(login).build()).getId()).isEqualTo(own.id().toString());
        }
        // An operator acting as alice sees her private image.
        assertThat(client.as(admin, ADMIN_KEY).getImage(request.setLogin(alice.login()).build()).getName())
                .isEqualTo("mine");
    }

    @Test
    void updateImageChangesTheMaskedFieldsAndRemovesMaskedFieldsLeftUnset() {
        var own = activeImage(alice, "before");
        alice().updateImage(UpdateImageRequest.newBuilder().setId(own.id().toString())
                .setDescription("to be removed").build());

        Image updated = alice().updateImage(UpdateImageRequest.newBuilder().setLogin("my").setId(own.id().toString())
                .setName("after")
                .setTags(Struct.newBuilder().putFields("tier", text("gold")).putFields("rank", number(3)))
                .addAcl(bob.id().toString())
                .setUpdateMask(FieldMask.newBuilder().addPaths("name").addPaths("tags").addPaths("acl")
                        .addPaths("description"))
                .build());

        assertThat(updated.getName()).isEqualTo("after");
        assertThat(updated.hasDescription()).isFalse();
        assertThat(updated.getTags().getFieldsMap()).containsOnlyKeys("tier", "rank");
        assertThat(updated.getAclList()).containsExactly(bob.id().toString());
        assertThat(updated.getVersion()).isEqualTo("1.0.0");
        assertThat(data.find(own.id()).manifest().tags().values()).containsEntry("rank", 3);

        // Without a mask, the fields that are set change and nothing else.
        Image versioned = alice().updateImage(UpdateImageRequest.newBuilder().setId(own.id().toString())
                .setVersion("2.0.0").build());
        assertThat(versioned.getVersion()).isEqualTo("2.0.0");
        assertThat(versioned.getName()).isEqualTo("after");
        assertThat(versioned.getAclList()).containsExactly(bob.id().toString());
    }

    @Test
    void deleteImageRemovesTheImage() {
        var own = activeImage(alice, "doomed");

        alice().deleteImage(DeleteImageRequest.newBuilder().setLogin("my").setId(own.id().toString()).build());

        assertThat(data.find(own.id())).isNull();
        assertFails(() -> alice().getImage(GetImageRequest.newBuilder().setId(own.id().toString()).build()),
                Status.Code.NOT_FOUND, "ResourceNotFound");
    }

    @Test
    void theRevisionIsShownAndAnExpectedOneGuardsUpdateAndDelete() {
        var own = activeImage(alice, "guarded");
        GetImageRequest get = GetImageRequest.newBuilder().setId(own.id().toString()).build();
        long revision = alice().getImage(get).getRevision();

        Image updated = alice().updateImage(UpdateImageRequest.newBuilder().setId(own.id().toString())
                .setDescription("first").setExpectedRevision(revision).build());
        assertThat(updated.getRevision()).isGreaterThan(revision);

        assertFails(() -> alice().updateImage(UpdateImageRequest.newBuilder().setId(own.id().toString())
                .setDescription("stale").setExpectedRevision(revision).build()),
                Status.Code.FAILED_PRECONDITION, "PreconditionFailed");
        assertFails(() -> alice().deleteImage(DeleteImageRequest.newBuilder().setId(own.id().toString())
                .setExpectedRevision(revision).build()), Status.Code.FAILED_PRECONDITION, "PreconditionFailed");
        assertThat(alice().getImage(get).getDescription()).isEqualTo("first");

        alice().deleteImage(DeleteImageRequest.newBuilder().setId(own.id().toString())
                .setExpectedRevision(updated.getRevision()).build());
        assertThat(data.find(own.id())).isNull();
    }

    @Test
    void unusableMantaPathsAreInvalidArguments() {
        var own = activeImage(alice, "exported-badly");
        String stor = "/" + alice.login() + "/stor/";
        for (String path : List.of(stor + "\u0000x", stor + "x".repeat(3000), stor + "../x")) {
            assertFails(() -> alice().exportImage(ExportImageRequest.newBuilder().setId(own.id().toString())
                    .setMantaPath(path).build()), Status.Code.INVALID_ARGUMENT, "InvalidArgument");
        }
    }

    @Test
    void exportImageWritesFileAndManifestUnderTheCallersMantaPath() {
        var own = activeImage(alice, "exported");
        String path = "/" + alice.login() + "/stor/grpc-export";

        ExportImageResponse exported = alice().exportImage(ExportImageRequest.newBuilder().setLogin("my")
                .setId(own.id().toString()).setMantaPath(path).build());

        assertThat(exported.getMantaUrl()).startsWith("http");
        assertThat(exported.getImagePath()).isEqualTo(path + ".zfs");
        assertThat(exported.getManifestPath()).isEqualTo(path + ".imgmanifest");
    }

    @Test
    void createImageFromMachineAnswersAtOnceWithTheCreatingPlaceholderAndItsJob() throws Exception {
        Path disk = Files.createTempFile("grpc-disk", ".img");
        Files.write(disk, "a small disk".getBytes());
        var machine = data.machine(alice, disk, base.id(), MachineState.STOPPED);

        CreateImageFromMachineResponse created = alice().createImageFromMachine(CreateImageFromMachineRequest.newBuilder()
                .setLogin("my").setMachine(machine.id().toString()).setName("snapshot").setVersion("1.0.0")
                .setDescription("from gRPC")
                .setTags(Struct.newBuilder().putFields("made-by", text("grpc")))
                .build());

        assertThat(created.getImage().getState()).isEqualTo("creating");
        assertThat(created.getImage().getName()).isEqualTo("snapshot");
        assertThat(created.getImage().getDescription()).isEqualTo("from gRPC");
        assertThat(created.getImage().getOrigin()).isEqualTo(base.id().toString());
        assertThat(created.getImage().getTags().getFieldsMap()).containsEntry("made-by", text("grpc"));
        assertThat(UUID.fromString(created.getJobId())).isNotNull();
        assertThat(data.find(UUID.fromString(created.getImage().getId()))).isNotNull();
    }

    @Test
    void cloneImageCopiesASharedImageForTheCaller() {
        var shared = data.image(bob, "shared").origin(base.id()).sharedWith(alice).content("shared".getBytes()).add();

        Image clone = alice().cloneImage(CloneImageRequest.newBuilder().setLogin("my").setId(shared.id().toString()).build());

        assertThat(clone.getId()).isNotEqualTo(shared.id().toString());
        assertThat(clone.getOwner()).isEqualTo(alice.id().toString());
        assertThat(clone.getName()).isEqualTo("shared");
        assertThat(clone.getAclList()).isEmpty();
        assertThat(clone.getOrigin()).isEqualTo(base.id().toString());
        assertThat(clone.getState()).isEqualTo("active");
    }

    /**
     * The test configuration names a peer ("nowhere") but no operator identity to read from it
     * with: importing from it is NotAvailable (REST's 501); an unknown datacenter is ValidationFailed.
     */
    @Test
    void importImageFromDatacenterNeedsAKnownPeerAndAnOperatorIdentity() {
        assertFails(() -> alice().importImageFromDatacenter(ImportImageFromDatacenterRequest.newBuilder()
                        .setLogin("my").setDatacenter("nowhere").setId(UUID.randomUUID().toString()).build()),
                Status.Code.UNIMPLEMENTED, "NotAvailable");
        assertFails(() -> alice().importImageFromDatacenter(ImportImageFromDatacenterRequest.newBuilder()
                        .setLogin("my").setDatacenter("us-west-1").setId(UUID.randomUUID().toString()).build()),
                Status.Code.INVALID_ARGUMENT, "ValidationFailed");
    }

    /** Reflection needs no signature: generic tools list the service before they can sign anything. */
    @Test
    void serverReflectionListsTheService() throws Exception {
        CompletableFuture<List<String>> services = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(client.channel())
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        services.complete(response.getListServicesResponse().getServiceList().stream()
                                .map(ServiceResponse::getName).toList());
                    }

                    @Override
                    public void onError(Throwable t) {
                        services.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        requests.onCompleted();

        assertThat(services.get(30, TimeUnit.SECONDS)).contains("imageservice.v1.ImageService");
    }

    static Value text(String value) {
        return Value.newBuilder().setStringValue(value).build();
    }

    static Value number(double value) {
        return Value.newBuilder().setNumberValue(value).build();
    }
}
