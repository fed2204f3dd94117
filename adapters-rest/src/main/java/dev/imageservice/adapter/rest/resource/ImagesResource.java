package dev.imageservice.adapter.rest.resource;

import dev.imageservice.adapter.rest.dto.ImageDto;
import dev.imageservice.adapter.rest.dto.MantaLocationDto;
import dev.imageservice.adapter.rest.pipeline.CallerContext;
import dev.imageservice.adapter.rest.pipeline.CloudApi;
import dev.imageservice.adapter.rest.pipeline.RequestParams;
import dev.imageservice.adapter.rest.pipeline.Routes;
import dev.imageservice.application.port.in.CloneImageCommand;
import dev.imageservice.application.port.in.CloneImageUseCase;
import dev.imageservice.application.port.in.CreateImageFromMachineCommand;
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
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.Uuids;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The CloudAPI images endpoints. Each handler follows REFERENCE-BEHAVIOUR §0 after the filters:
 * merge query and body, resolve {@code :login} (the resolved account acts from then on), load the
 * image if the path names one, then run the use case.
 */
@CloudApi
@Path("/{login}/images")
@Produces(MediaType.APPLICATION_JSON)
public class ImagesResource {

    private final CallerContext context;
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
    public ImagesResource(CallerContext context, ResolveAccountUseCase resolveAccount, ListImagesUseCase listImages,
                          GetImageUseCase getImage, UpdateImageUseCase updateImage, DeleteImageUseCase deleteImage,
                          ExportImageUseCase exportImage, CloneImageUseCase cloneImage,
                          CreateImageFromMachineUseCase createImageFromMachine,
                          ImportImageFromDatacenterUseCase importImageFromDatacenter) {
        this.context = context;
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

    /** ListImages; unknown query parameters are ignored. */
    @GET
    public List<ImageDto> listImages(@PathParam("login") String login,
                                     @RestQuery String name, @RestQuery String os, @RestQuery String version,
                                     @RestQuery("public") String isPublic, @RestQuery String state,
                                     @RestQuery String owner, @RestQuery String type) {
        Account account = account(login);
        return listImages.listImages(new ListImagesQuery(account, name, os, version, isPublic, state, owner, type))
                .stream().map(this::dto).toList();
    }

    /** CreateImageFromMachine (no action) or ImportImageFromDatacenter. */
    @POST
    public Response createOrImport(@PathParam("login") String login, @Context UriInfo uri, byte[] body) {
        RequestParams params = RequestParams.merge(uri.getQueryParameters(), body);
        Account account = account(login);
        String action = params.text("action");
        if (action == null) {
            return createFromMachine(account, params);
        }
        if (action.equals("import-from-datacenter")) {
            return importFromDatacenter(account, params);
        }
        throw new DomainException(ErrorCode.INVALID_ARGUMENT, "unsupported action: " + action);
    }

    @GET
    @Path("{id}")
    public ImageDto getImage(@PathParam("login") String login, @PathParam("id") String id) {
        Account account = account(login);
        return dto(getImage.getImage(new GetImageQuery(account, id)));
    }

    /** UpdateImage, ExportImage and CloneImage, chosen by {@code action} from the query or the body. */
    @POST
    @Path("{id}")
    public Response imageAction(@PathParam("login") String login, @PathParam("id") String id,
                                @Context UriInfo uri, byte[] body) {
        RequestParams params = RequestParams.merge(uri.getQueryParameters(), body);
        Account account = account(login);
        // An image the caller cannot see is not found, whatever the action.
        getImage.getImage(new GetImageQuery(account, id));
        String action = params.text("action");
        if (action == null) {
            throw new DomainException(ErrorCode.MISSING_PARAMETER, "action is required");
        }
        return switch (action) {
            case "update" -> ok(dto(updateImage.updateImage(new UpdateImageCommand(account, id, params.asMap()))));
            case "export" -> {
                String mantaPath = required(params, "manta_path");
                yield ok(MantaLocationDto.from(
                        exportImage.exportImage(new ExportImageCommand(account, id, mantaPath))));
            }
            case "clone" -> ok(dto(cloneImage.cloneImage(new CloneImageCommand(account, id))));
            default -> throw new DomainException(ErrorCode.INVALID_ARGUMENT, "unsupported action: " + action);
        };
    }

    @DELETE
    @Path("{id}")
    public Response deleteImage(@PathParam("login") String login, @PathParam("id") String id) {
        Account account = account(login);
        deleteImage.deleteImage(new DeleteImageCommand(account, id));
        return Response.noContent().build();
    }

    @OPTIONS
    public Response preflightImages() {
        return Response.ok().header("Allow", Routes.IMAGES.methods()).build();
    }

    @OPTIONS
    @Path("{id}")
    public Response preflightImage() {
        return Response.ok().header("Allow", Routes.IMAGE.methods()).build();
    }

    private Response createFromMachine(Account account, RequestParams params) {
        // The reference checks the required parameters in this order.
        String machine = required(params, "machine");
        String name = required(params, "name");
        String version = required(params, "version");
        CreateImageFromMachineCommand command = new CreateImageFromMachineCommand(account, machine, name, version,
                params.text("description"), params.text("homepage"), params.text("eula"),
                params.value("acl"), params.value("tags"));
        CreatedImage created = createImageFromMachine.createImageFromMachine(command);
        // A path, not an absolute URI (which Response.created would make of it), as CloudAPI sends it.
        return Response.status(Response.Status.CREATED)
                .header("Location", "/" + account.login() + "/images/" + created.image().id())
                .header("x-joyent-jobid", created.jobId().toString())
                .entity(dto(created.image()))
                .build();
    }

    private Response importFromDatacenter(Account account, RequestParams params) {
        String datacenter = required(params, "datacenter");
        String id = required(params, "id");
        if (Uuids.parse(id) == null) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "id must be a UUID; got " + id);
        }
        Image imported = importImageFromDatacenter.importImageFromDatacenter(new ImportImageFromDatacenterCommand(account, datacenter, id));
        // The reference answers 200, not the 201 its documentation shows.
        return ok(dto(imported));
    }

    private Account account(String login) {
        return resolveAccount.resolveAccount(context.caller(), login);
    }

    private ImageDto dto(Image image) {
        return ImageDto.from(image, context.version());
    }

    private static String required(RequestParams params, String name) {
        String value = params.text(name);
        if (value == null || value.isEmpty()) {
            throw new DomainException(ErrorCode.MISSING_PARAMETER, name + " is required");
        }
        return value;
    }

    private static Response ok(Object entity) {
        return Response.ok(entity).build();
    }
}
