package dev.imageservice.adapter.grpc;

import com.google.protobuf.Empty;
import dev.imageservice.adapter.grpc.auth.Caller;
import dev.imageservice.adapter.grpc.auth.SignatureAuthInterceptor;
import dev.imageservice.adapter.grpc.error.GrpcErrors;
import dev.imageservice.adapter.grpc.error.UnreadableRequests;
import dev.imageservice.adapter.grpc.mapping.BoundedListResponse;
import dev.imageservice.adapter.grpc.mapping.ImageMessages;
import dev.imageservice.adapter.grpc.mapping.ImageRequests;
import dev.imageservice.adapter.grpc.stream.FileChunkStream;
import dev.imageservice.adapter.grpc.stream.PacedStream;
import dev.imageservice.adapter.grpc.v1.CloneImageRequest;
import dev.imageservice.adapter.grpc.v1.CreateImageFromMachineRequest;
import dev.imageservice.adapter.grpc.v1.CreateImageFromMachineResponse;
import dev.imageservice.adapter.grpc.v1.DeleteImageRequest;
import dev.imageservice.adapter.grpc.v1.ExportImageRequest;
import dev.imageservice.adapter.grpc.v1.ExportImageResponse;
import dev.imageservice.adapter.grpc.v1.GetImageFileRequest;
import dev.imageservice.adapter.grpc.v1.GetImageRequest;
import dev.imageservice.adapter.grpc.v1.ImageFileChunk;
import dev.imageservice.adapter.grpc.v1.ImageServiceGrpc;
import dev.imageservice.adapter.grpc.v1.ImageStateChange;
import dev.imageservice.adapter.grpc.v1.ImportImageFromDatacenterRequest;
import dev.imageservice.adapter.grpc.v1.ListImagesRequest;
import dev.imageservice.adapter.grpc.v1.ListImagesResponse;
import dev.imageservice.adapter.grpc.v1.UpdateImageRequest;
import dev.imageservice.adapter.grpc.v1.WatchImageRequest;
import dev.imageservice.adapter.grpc.watch.ImageWatch;
import dev.imageservice.adapter.grpc.watch.ImageWatchHub;
import dev.imageservice.adapter.grpc.worker.OneHopToWorker;
import dev.imageservice.application.port.in.CloneImageCommand;
import dev.imageservice.application.port.in.CloneImageUseCase;
import dev.imageservice.application.port.in.CreateImageFromMachineUseCase;
import dev.imageservice.application.port.in.CreatedImage;
import dev.imageservice.application.port.in.DeleteImageCommand;
import dev.imageservice.application.port.in.DeleteImageUseCase;
import dev.imageservice.application.port.in.ExportImageCommand;
import dev.imageservice.application.port.in.ExportImageUseCase;
import dev.imageservice.application.port.in.GetImageFileUseCase;
import dev.imageservice.application.port.in.GetImageQuery;
import dev.imageservice.application.port.in.GetImageUseCase;
import dev.imageservice.application.port.in.ImportImageFromDatacenterCommand;
import dev.imageservice.application.port.in.ImportImageFromDatacenterUseCase;
import dev.imageservice.application.port.in.ListImagesUseCase;
import dev.imageservice.application.port.in.MantaLocation;
import dev.imageservice.application.port.in.ResolveAccountUseCase;
import dev.imageservice.application.port.in.UpdateImageUseCase;
import dev.imageservice.application.port.out.ImageFileStore.OpenedContent;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.Image;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.RegisterInterceptor;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code imageservice.v1.ImageService}: each call resolves the request's login for the signed-in
 * caller, goes through one inbound port (the same ones REST uses) and maps the answer. Business
 * rules live behind the ports; failures leave through the one table of {@link GrpcErrors}.
 *
 * <p>The ports are transactional and blocking, so calls run on worker threads: {@link OneHopToWorker}
 * moves each call there in one hop (not {@code @Blocking}, which hops per callback). A GetImage whose
 * answer is at hand in memory is answered on the event loop instead ({@link GetImageFromMemory}).
 */
@GrpcService
@RegisterInterceptor(OneHopToWorker.class)
@RegisterInterceptor(SignatureAuthInterceptor.class)
public class ImageGrpcService extends ImageServiceGrpc.ImageServiceImplBase {

    /** CloudAPI's name for the caller's own account; an empty login means the same. */
    private static final String MY = "my";

    private final ResolveAccountUseCase resolveAccount;
    private final ListImagesUseCase listImages;
    private final GetImageUseCase getImage;
    private final UpdateImageUseCase updateImage;
    private final DeleteImageUseCase deleteImage;
    private final ExportImageUseCase exportImage;
    private final CreateImageFromMachineUseCase createImage;
    private final CloneImageUseCase cloneImage;
    private final ImportImageFromDatacenterUseCase importImage;
    private final GetImageFileUseCase getImageFile;
    private final ImageWatchHub watchHub;

    @Inject
    public ImageGrpcService(ResolveAccountUseCase resolveAccount, ListImagesUseCase listImages,
                            GetImageUseCase getImage, UpdateImageUseCase updateImage, DeleteImageUseCase deleteImage,
                            ExportImageUseCase exportImage, CreateImageFromMachineUseCase createImage,
                            CloneImageUseCase cloneImage, ImportImageFromDatacenterUseCase importImage,
                            GetImageFileUseCase getImageFile, ImageWatchHub watchHub) {
        this.resolveAccount = resolveAccount;
        this.listImages = listImages;
        this.getImage = getImage;
        this.updateImage = updateImage;
        this.deleteImage = deleteImage;
        this.exportImage = exportImage;
        this.createImage = createImage;
        this.cloneImage = cloneImage;
        this.importImage = importImage;
        this.getImageFile = getImageFile;
        this.watchHub = watchHub;
    }

    /** Requests the protobuf parser refuses are the client's InvalidArgument: see {@link UnreadableRequests}. */
    @Override
    public ServerServiceDefinition bindService() {
        return UnreadableRequests.guard(super.bindService());
    }

    /** In one message of at most {@link BoundedListResponse#MAX_BYTES}; past it, RESOURCE_EXHAUSTED. */
    @Override
    public void listImages(ListImagesRequest request, StreamObserver<ListImagesResponse> responses) {
        respond(responses, () -> {
            BoundedListResponse response = new BoundedListResponse();
            forEachImage(request, response);
            return response.build();
        });
    }

    /**
     * What ListImages answers, one message per image, each written as its row is read and only once
     * the client can take it (this worker and the listing's transaction wait meanwhile); a cancel
     * stops the read.
     */
    @Override
    public void streamImages(ListImagesRequest request, StreamObserver<dev.imageservice.adapter.grpc.v1.Image> responses) {
        PacedStream.write((ServerCallStreamObserver<dev.imageservice.adapter.grpc.v1.Image>) responses,
                each -> forEachImage(request, each));
    }

    /** The images ListImages and StreamImages answer, each mapped and handed over as its row is read. */
    private void forEachImage(ListImagesRequest request, Consumer<dev.imageservice.adapter.grpc.v1.Image> each) {
        listImages.forEachImage(ImageRequests.listQuery(account(request.getLogin()), request),
                image -> each.accept(ImageMessages.from(image)));
    }

    @Override
    public void getImage(GetImageRequest request, StreamObserver<dev.imageservice.adapter.grpc.v1.Image> responses) {
        respond(responses, () -> ImageMessages.from(
                getImage.getImage(new GetImageQuery(account(request.getLogin()), request.getId()))));
    }

    /**
     * What {@link #getImage} answers, when it needs no read: the login names the caller (or is {@code my},
     * or empty) and the image is at hand; empty otherwise. A refusal is thrown, for {@link GrpcErrors}.
     */
    Optional<dev.imageservice.adapter.grpc.v1.Image> getImageFromMemory(GetImageRequest request) {
        return resolveAccount.resolveAccountFromMemory(Caller.current(), login(request.getLogin()))
                .flatMap(account -> getImage.getImageFromMemory(new GetImageQuery(account, request.getId())))
                .map(ImageMessages::from);
    }

    @Override
    public void updateImage(UpdateImageRequest request, StreamObserver<dev.imageservice.adapter.grpc.v1.Image> responses) {
        respond(responses, () -> ImageMessages.from(
                updateImage.updateImage(ImageRequests.updateCommand(account(request.getLogin()), request))));
    }

    @Override
    public void deleteImage(DeleteImageRequest request, StreamObserver<Empty> responses) {
        respond(responses, () -> {
            deleteImage.deleteImage(new DeleteImageCommand(account(request.getLogin()), request.getId(),
                    request.hasExpectedRevision() ? request.getExpectedRevision() : null));
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void exportImage(ExportImageRequest request, StreamObserver<ExportImageResponse> responses) {
        respond(responses, () -> {
            MantaLocation location = exportImage.exportImage(
                    new ExportImageCommand(account(request.getLogin()), request.getId(), request.getMantaPath()));
            return ExportImageResponse.newBuilder()
                    .setMantaUrl(location.mantaUrl())
                    .setImagePath(location.imagePath())
                    .setManifestPath(location.manifestPath())
                    .build();
        });
    }

    @Override
    public void createImageFromMachine(CreateImageFromMachineRequest request,
                                       StreamObserver<CreateImageFromMachineResponse> responses) {
        respond(responses, () -> {
            CreatedImage created = createImage.createImageFromMachine(
                    ImageRequests.createCommand(account(request.getLogin()), request));
            return CreateImageFromMachineResponse.newBuilder()
                    .setImage(ImageMessages.from(created.image()))
                    .setJobId(created.jobId().toString())
                    .build();
        });
    }

    @Override
    public void cloneImage(CloneImageRequest request, StreamObserver<dev.imageservice.adapter.grpc.v1.Image> responses) {
        respond(responses, () -> ImageMessages.from(
                cloneImage.cloneImage(new CloneImageCommand(account(request.getLogin()), request.getId()))));
    }

    @Override
    public void importImageFromDatacenter(ImportImageFromDatacenterRequest request,
                                          StreamObserver<dev.imageservice.adapter.grpc.v1.Image> responses) {
        respond(responses, () -> {
            Account caller = account(request.getLogin());
            return ImageMessages.from(importImage.importImageFromDatacenter(
                    new ImportImageFromDatacenterCommand(caller, request.getDatacenter(), request.getId())));
        });
    }

    /** The image's file in chunks, after the same visibility check as GetImage. */
    @Override
    public void getImageFile(GetImageFileRequest request, StreamObserver<ImageFileChunk> responses) {
        ServerCallStreamObserver<ImageFileChunk> observer = (ServerCallStreamObserver<ImageFileChunk>) responses;
        OpenedContent content;
        try {
            content = getImageFile.getImageFile(account(request.getLogin()), request.getId()).content();
        } catch (RuntimeException e) {
            observer.onError(GrpcErrors.toStatusException(e));
            return;
        }
        FileChunkStream.start(observer, content.stream());
    }

    /**
     * The image now (as GetImage shows it: visibility applies), then each state change the
     * application announces, until a final state or the client cancels.
     */
    @Override
    public void watchImage(WatchImageRequest request, StreamObserver<ImageStateChange> responses) {
        ServerCallStreamObserver<ImageStateChange> observer = (ServerCallStreamObserver<ImageStateChange>) responses;
        ImageWatch watch = null;
        try {
            GetImageQuery query = new GetImageQuery(account(request.getLogin()), request.getId());
            // The first read checks visibility and yields the UUID to subscribe to; the second, after
            // subscribing, cannot miss a change.
            watch = ImageWatch.subscribe(watchHub, getImage.getImage(query).id(), observer);
            watch.start(getImage.getImage(query));
        } catch (RuntimeException e) {
            if (watch != null) {
                watch.abandon();
            }
            observer.onError(GrpcErrors.toStatusException(e));
        }
    }

    private Account account(String login) {
        return resolveAccount.resolveAccount(Caller.current(), login(login));
    }

    private static String login(String requested) {
        return requested.isEmpty() ? MY : requested;
    }

    private static <T> void respond(StreamObserver<T> responses, Supplier<T> call) {
        T response;
        try {
            response = call.get();
        } catch (RuntimeException e) {
            responses.onError(GrpcErrors.toStatusException(e));
            return;
        }
        responses.onNext(response);
        responses.onCompleted();
    }
}
