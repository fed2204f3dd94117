package dev.imageservice.adapter.rest.resource;

import dev.imageservice.adapter.rest.dto.CreateImageFromMachineRequest;
import dev.imageservice.adapter.rest.dto.ImageDto;
import dev.imageservice.adapter.rest.dto.MantaLocationDto;
import dev.imageservice.adapter.rest.error.ErrorStatus;
import dev.imageservice.adapter.rest.error.ProtocolException;
import dev.imageservice.adapter.rest.pipeline.ApiVersion;
import dev.imageservice.adapter.rest.pipeline.CallerContext;
import dev.imageservice.adapter.rest.pipeline.CloudApi;
import dev.imageservice.adapter.rest.pipeline.ImageVersions;
import dev.imageservice.adapter.rest.pipeline.JsonArrayStream;
import dev.imageservice.adapter.rest.pipeline.MemoryOrWorker;
import dev.imageservice.adapter.rest.pipeline.RequestParams;
import dev.imageservice.adapter.rest.pipeline.Routes;
import dev.imageservice.application.port.in.CloneImageCommand;
import dev.imageservice.application.port.in.CloneImageUseCase;
import dev.imageservice.application.port.in.CreateImageFromMachineUseCase;
import dev.imageservice.application.port.in.CreatedImage;
import dev.imageservice.application.port.in.DeleteImageCommand;
import dev.imageservice.application.port.in.DeleteImageUseCase;
import dev.imageservice.application.port.in.ExportImageCommand;
import dev.imageservice.application.port.in.ExportImageUseCase;
import dev.imageservice.application.port.in.GetImageQuery;
import dev.imageservice.application.port.in.GetImageUseCase;
import dev.imageservice.application.port.in.ImportImageFromDatacenterCommand;
import dev.imageservice.application.port.in.ImportImageFromDatacenterUseCase;
import dev.imageservice.application.port.in.ListImagesQuery;
import dev.imageservice.application.port.in.ListImagesUseCase;
import dev.imageservice.application.port.in.ResolveAccountUseCase;
import dev.imageservice.application.port.in.UpdateImageCommand;
import dev.imageservice.application.port.in.UpdateImageUseCase;
import dev.imageservice.domain.access.ImageListFilter;
import dev.imageservice.domain.access.StateFilter;
import dev.imageservice.domain.access.TextMatch;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.Uuids;
import io.quarkus.arc.ClientProxy;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.function.Supplier;

/**
 * The CloudAPI images endpoints; their routes and OpenAPI description are {@link ImagesApi}. Each
 * handler takes CloudAPI's steps after the filters: merge query and body, resolve {@code :login}
 * (the resolved account acts from then on), then run the use case, which loads the image as the
 * caller sees it before anything else (docs/compatibility.md, "One request, in order"). An action
 * path is the CloudAPI route with the action moved into the path: the same checks and the same
 * use-case call, through the one private method per use case below.
 */
@CloudApi
public class ImagesResource implements ImagesApi {

    private final CallerContext context;
    private final ImageVersions versions;
    private final ResolveAccountUseCase resolveAccount;
    private final ListImagesUseCase listImages;
    private final GetImageUseCase getImage;
    private final UpdateImageUseCase updateImage;
    private final DeleteImageUseCase deleteImage;
    private final ExportImageUseCase exportImage;
    private final CloneImageUseCase cloneImage;
    private final CreateImageFromMachineUseCase createImageFromMachine;
    private final ImportImageFromDatacenterUseCase importImageFromDatacenter;

    @Inject
    public ImagesResource(CallerContext context, ImageVersions versions, ResolveAccountUseCase resolveAccount, ListImagesUseCase listImages,
                          GetImageUseCase getImage, UpdateImageUseCase updateImage, DeleteImageUseCase deleteImage,
                          ExportImageUseCase exportImage, CloneImageUseCase cloneImage,
                          CreateImageFromMachineUseCase createImageFromMachine,
                          ImportImageFromDatacenterUseCase importImageFromDatacenter) {
        this.context = context;
        this.versions = versions;
        this.resolveAccount = resolveAccount;
        this.listImages = listImages;
        this.getImage = getImage;
        this.updateImage = updateImage;
        this.deleteImage = deleteImage;
        this.exportImage = exportImage;
        this.cloneImage = cloneImage;
        this.createImageFromMachine = createImageFromMachine;
        this.importImageFromDatacenter = importImageFromDatacenter;
    }

    @Override
    public JsonArrayStream listImages(String login, String name, String os, String version, String isPublic,
                                      String state, String owner, String type) {
        Account account = account(login);
        ListImagesQuery query = new ListImagesQuery(account, StateFilter.parse(state),
                ImageListFilter.parsePublic(isPublic), ImageListFilter.parseOwner(owner), TextMatch.parse(name),
                TextMatch.parse(version), os, type);
        ApiVersion answered = context.version();
        // Refusals (the login, the filters) are thrown above; the images are read as the answer is written.
        return new JsonArrayStream(each -> listImages.forEachImage(query, image -> each.accept(ImageDto.from(image, answered))));
    }

    @Override
    public Response createOrImport(String login, UriInfo uri, byte[] body) {
        RequestParams params = RequestParams.merge(uri.getQueryParameters(), body);
        Account account = account(login);
        String action = params.text("action");
        if (action == null) {
            return createFromMachine(account, params);
        }
        if (action.equals(IMPORT_FROM_DATACENTER)) {
            return Response.ok(importFromDatacenter(account, params)).build();
        }
        throw unsupported(action);
    }

    @Override
    public ImageDto importImageFromDatacenter(String login, UriInfo uri) {
        return importFromDatacenter(account(login), RequestParams.merge(uri.getQueryParameters(), null));
    }

    /**
     * Answered on the I/O thread when the account and the image are at hand, as they are for an image
     * read within the last second (see MemoryOrWorker); otherwise read on a worker thread. What the
     * answer needs of this request's beans is taken here, on the I/O thread, and handed to the worker,
     * which so reads none of them: the caller, the version and this request's own ImageVersions.
     */
    @Override
    public Uni<ImageDto> getImage(String login, String id) {
        Account caller = context.caller();
        ApiVersion version = context.version();
        // The instance itself: its proxy would look for this request's context on the worker.
        ImageVersions answered = ClientProxy.unwrap(versions);
        return MemoryOrWorker.answer(
                () -> resolveAccount.resolveAccountFromMemory(caller, login)
                        .flatMap(account -> getImage.getImageFromMemory(new GetImageQuery(account, id))),
                () -> getImage.getImage(new GetImageQuery(resolveAccount.resolveAccount(caller, login), id)))
                .map(image -> dto(image, version, answered));
    }

    @Override
    public Response imageAction(String login, String id, UriInfo uri, byte[] body) {
        ImageRequest request = imageRequest(login, id, uri, body);
        Object answer = switch (checked(request, () -> actionOf(request.params()))) {
            case "update" -> update(request);
            case "export" -> export(request);
            default -> clone(request);
        };
        return Response.ok(answer).build();
    }

    @Override
    public ImageDto updateImage(String login, String id, UriInfo uri, byte[] body) {
        return update(imageRequest(login, id, uri, body));
    }

    @Override
    public MantaLocationDto exportImage(String login, String id, UriInfo uri) {
        return export(imageRequest(login, id, uri, null));
    }

    @Override
    public ImageDto cloneImage(String login, String id, UriInfo uri) {
        return clone(imageRequest(login, id, uri, null));
    }

    @Override
    public Response deleteImage(String login, String id) {
        ImageRequest request = new ImageRequest(account(login), id, null);
        Long expectedRevision = checked(request, versions::expectedRevision);
        deleteImage.deleteImage(new DeleteImageCommand(request.account(), id, expectedRevision));
        return Response.noContent().build();
    }

    @Override
    public Response preflightImages() {
        return Response.ok().header("Allow", Routes.IMAGES.methods()).build();
    }

    @Override
    public Response preflightImage() {
        return Response.ok().header("Allow", Routes.IMAGE.methods()).build();
    }

    @Override
    public Response preflightImageAction() {
        return Response.ok().header("Allow", Routes.IMAGE_ACTION.methods()).build();
    }

    /**
     * An image action's target: parameters, then {@code :login}. {@code body} is null on the aliases
     * that take their inputs from the query. The image itself is read once, by the use case.
     */
    private ImageRequest imageRequest(String login, String id, UriInfo uri, byte[] body) {
        RequestParams params = RequestParams.merge(uri.getQueryParameters(), body);
        return new ImageRequest(account(login), id, params);
    }

    /** The action of CloudAPI's action route: update, export or clone. */
    private static String actionOf(RequestParams params) {
        String action = params.text("action");
        if (action == null) {
            throw new ProtocolException(ErrorStatus.Protocol.MISSING_PARAMETER, "action is required");
        }
        if (!List.of("update", "export", "clone").contains(action)) {
            throw unsupported(action);
        }
        return action;
    }

    private static ProtocolException unsupported(String action) {
        return new ProtocolException(ErrorStatus.Protocol.INVALID_ARGUMENT, "unsupported action: " + action);
    }

    private ImageDto update(ImageRequest request) {
        Long expectedRevision = checked(request, versions::expectedRevision);
        return dto(updateImage.updateImage(new UpdateImageCommand(request.account(), request.id(),
                request.params().asMap(), expectedRevision)));
    }

    /** A missing manta_path is the use case's MissingParameter, after it found the image. */
    private MantaLocationDto export(ImageRequest request) {
        return MantaLocationDto.from(exportImage.exportImage(
                new ExportImageCommand(request.account(), request.id(), request.params().text("manta_path"))));
    }

    private ImageDto clone(ImageRequest request) {
        return dto(cloneImage.cloneImage(new CloneImageCommand(request.account(), request.id())));
    }

    private Response createFromMachine(Account account, RequestParams params) {
        CreatedImage created = createImageFromMachine.createImageFromMachine(
                CreateImageFromMachineRequest.from(params).toCommand(account));
        // A path, not an absolute URI (which Response.created would make of it), as CloudAPI sends it.
        return Response.status(Response.Status.CREATED)
                .header("Location", "/" + account.login() + "/images/" + created.image().id())
                .header("x-joyent-jobid", created.jobId().toString())
                .entity(dto(created.image()))
                .build();
    }

    private ImageDto importFromDatacenter(Account account, RequestParams params) {
        String datacenter = params.required("datacenter");
        String id = params.required("id");
        if (Uuids.parse(id) == null) {
            throw new ProtocolException(ErrorStatus.Protocol.INVALID_ARGUMENT, "id must be a UUID; got " + id);
        }
        // 200, not the 201 CloudAPI's documentation shows: docs/compatibility.md, "Endpoints".
        return dto(importImageFromDatacenter.importImageFromDatacenter(
                new ImportImageFromDatacenterCommand(account, datacenter, id)));
    }

    private Account account(String login) {
        return resolveAccount.resolveAccount(context.caller(), login);
    }

    private ImageDto dto(Image image) {
        return dto(image, context.version(), versions);
    }

    /** The answer is this one image: it goes out with its revision as ETag. */
    private static ImageDto dto(Image image, ApiVersion version, ImageVersions answered) {
        answered.answer(image.revision());
        return ImageDto.from(image, version);
    }

    /**
     * Runs a check of the request itself. Were it refused, an image the caller cannot see must still
     * answer 404 first (its existence never leaks), so only then is the image looked up.
     */
    private <T> T checked(ImageRequest request, Supplier<T> check) {
        try {
            return check.get();
        } catch (ProtocolException e) {
            getImage.getImage(new GetImageQuery(request.account(), request.id()));
            throw e;
        }
    }

    private record ImageRequest(Account account, String id, RequestParams params) {
    }
}
