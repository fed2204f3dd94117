package dev.imageservice.adapter.rest.resource;

import static dev.imageservice.adapter.rest.openapi.CloudApiDocument.JOB_ID;
import static dev.imageservice.adapter.rest.openapi.CloudApiDocument.LOCATION;
import static dev.imageservice.adapter.rest.openapi.CloudApiDocument.LOGIN;

import dev.imageservice.adapter.rest.dto.CreateImageFromMachineRequest;
import dev.imageservice.adapter.rest.dto.ImageActionRequest;
import dev.imageservice.adapter.rest.dto.ImageDto;
import dev.imageservice.adapter.rest.dto.MantaLocationDto;
import dev.imageservice.adapter.rest.dto.UpdateImageRequest;
import dev.imageservice.adapter.rest.openapi.CloudApiDocument;
import dev.imageservice.adapter.rest.pipeline.JsonArrayStream;
import dev.imageservice.adapter.rest.pipeline.OperationNames;
import io.smallrye.mutiny.Uni;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The HTTP contract of the CloudAPI images endpoints: routes, parameters and their OpenAPI
 * description. {@link ImagesResource} implements it and holds only the handling; JAX-RS and
 * SmallRye OpenAPI both read these annotations from the interface.
 *
 * <p>CloudAPI picks UpdateImage, ExportImage and CloneImage by {@code action} on
 * {@code POST /{login}/images/{id}}, and ImportImageFromDatacenter by {@code action} on
 * {@code POST /{login}/images}. OpenAPI knows one operation per path and method, so each action is
 * also served on a path of its own ({@code {id}/update}, {@code {id}/export}, {@code {id}/clone},
 * {@code import-from-datacenter}), documented with typed inputs and outputs. It reads exactly the
 * inputs it documents: a JSON body for update, query parameters for export and import, nothing for
 * clone.
 */
@Path("/{login}/images")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = CloudApiDocument.TAG_IMAGES)
public interface ImagesApi {

    String IMPORT_FROM_DATACENTER = OperationNames.IMPORT_FROM_DATACENTER;

    /** ListImages; unknown query parameters are ignored. */
    @GET
    @Operation(operationId = "ListImages", summary = "List the images the account can see",
            description = "The account's own images, public images and images shared with it, filtered. Without "
                    + "`state` only active images are listed. Docker images are left out unless `type` asks for them.")
    @APIResponse(responseCode = "200", description = "The images, ordered by published_at, unpublished ones first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ImageDto.class)))
    @APIResponse(responseCode = "422", description = "InvalidParameter: a state or public value that is not allowed")
    JsonArrayStream listImages(
            @Parameter(ref = LOGIN) @PathParam("login") String login,
            @Parameter(description = "The image name; a value starting with `~` matches as a substring", example = "base")
            @RestQuery String name,
            @Parameter(description = "The operating system", example = "smartos")
            @RestQuery String os,
            @Parameter(description = "The image version; a value starting with `~` matches as a substring",
             example = "13.4.0")
            @RestQuery String version,
            @Parameter(description = "true: the account's public images and all public images; false: its private "
             + "images and images shared with it", schema = @Schema(type = SchemaType.BOOLEAN))
            @RestQuery("public") String isPublic,
            @Parameter(description = "active (the default), all, or one state: unactivated, disabled, creating, "
             + "failed (own images only)", schema = @Schema(type = SchemaType.STRING,
             enumeration = {"active", "all", "unactivated", "disabled", "creating", "failed"}))
            @RestQuery String state,
            @Parameter(description = "The owner's account UUID", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @RestQuery String owner,
            @Parameter(description = "The image type, e.g. zone-dataset, lx-dataset, zvol, docker; an unknown type "
             + "lists nothing", example = "zone-dataset")
            @RestQuery String type);

    /** CreateImageFromMachine (no action) or ImportImageFromDatacenter. */
    @POST
    @Operation(operationId = "CreateImageFromMachine", summary = "Create an image from a machine",
            description = "Creates the image at once in state `creating` and snapshots the machine in the "
                    + "background (a running machine is stopped for it and started again); poll GetImage until "
                    + "the state is `active` or `failed`. CloudAPI also serves ImportImageFromDatacenter on this "
                    + "path when `action=import-from-datacenter` is given: see that operation.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CreateImageFromMachineRequest.class)))
    @APIResponse(responseCode = "201", description = "The new image, in state creating",
            headers = {@Header(name = LOCATION, ref = LOCATION), @Header(name = JOB_ID, ref = JOB_ID)},
            content = @Content(schema = @Schema(implementation = ImageDto.class), example = """
                    {
                      "id": "62306cd7-7b8a-c5dd-d44e-8491c83b9974",
                      "name": "my-custom-image",
                      "version": "1.2.3",
                      "requirements": {},
                      "owner": "47034e57-42d1-0342-b302-00db733e8c8a",
                      "public": false,
                      "state": "creating"
                    }"""))
    @APIResponse(responseCode = "409", description = "MissingParameter: machine, name or version is missing "
            + "(checked in that order); InvalidArgument: an unknown action")
    @APIResponse(responseCode = "413", description = "RequestEntityTooLargeError: a body over 100000 bytes")
    @APIResponse(responseCode = "422", description = "InvalidParameter: machine is not one of the account's "
            + "machines; ValidationFailed: a manifest field is invalid (errors names each)")
    Response createOrImport(@Parameter(ref = LOGIN) @PathParam("login") String login,
                            @Context UriInfo uri, byte[] body);

    /** ImportImageFromDatacenter on its own path: {@code POST /{login}/images?action=import-from-datacenter}. */
    @POST
    @Path(IMPORT_FROM_DATACENTER)
    @Operation(operationId = "ImportImageFromDatacenter", summary = "Copy an image from another datacenter",
            description = "Copies the image, and the images of its origin chain that are missing here, from the "
                    + "named datacenter of this cloud, keeping id and published_at. Waits for the copy. CloudAPI's "
                    + "form of the same call: `POST /{login}/images?action=import-from-datacenter&datacenter=DC&id=ID`.")
    @Parameter(name = "datacenter", in = ParameterIn.QUERY, required = true,
            description = "The datacenter to copy the image from (see ListDatacenters)",
            schema = @Schema(type = SchemaType.STRING), example = "us-west-1")
    @Parameter(name = "id", in = ParameterIn.QUERY, required = true, description = "The id of the image to copy",
            schema = @Schema(type = SchemaType.STRING, format = "uuid"), example = "7eed8e50-e452-428d-9131-bf056aa911bd")
    @APIResponse(responseCode = "200", description = "The copied image (CloudAPI's documentation says 201; the "
            + "reference answers 200)", content = @Content(schema = @Schema(implementation = ImageDto.class), example = """
                    {
                      "id": "7eed8e50-e452-428d-9131-bf056aa911bd",
                      "name": "myimage",
                      "version": "1.4.0",
                      "os": "smartos",
                      "requirements": {},
                      "type": "zone-dataset",
                      "description": "A custom image used to test stuff.",
                      "files": [
                        {
                          "compression": "gzip",
                          "sha1": "3bebb6ae2cdb26eef20cfb30fdc4a00a059a0b7b",
                          "size": 110742036
                        }
                      ],
                      "published_at": "2015-02-28T10:50:42Z",
                      "owner": "930896af-bf8c-48d4-885c-6573a94b1853",
                      "public": false,
                      "state": "active"
                    }"""))
    @APIResponse(responseCode = "401", description = "InvalidCredentials: a bad signature; UnauthorizedError: the "
            + "account does not own the source image")
    @APIResponse(responseCode = "404", description = "ResourceNotFound: unknown login, or the source datacenter has "
            + "no image with that id the account can see")
    @APIResponse(responseCode = "409", description = "MissingParameter: no datacenter; InvalidArgument: id is not a "
            + "UUID; ImageUuidAlreadyExists: the image is already here")
    @APIResponse(responseCode = "422", description = "ValidationFailed: an unknown datacenter or this one, or the "
            + "source image is not active; OriginIsNotActive: an origin image is not active")
    @APIResponse(responseCode = "503", description = "RemoteSourceError: the source datacenter failed to answer; "
            + "ServiceUnavailableError: no database connection came free in time")
    ImageDto importImageFromDatacenter(@Parameter(ref = LOGIN) @PathParam("login") String login,
                                       @Context UriInfo uri);

    @GET
    @Path("{id}")
    @Operation(operationId = "GetImage", summary = "Get an image",
            description = "The owner sees their images in every state; others see an image only when it is active or "
                    + "disabled and public or shared with them.")
    @APIResponse(responseCode = "200", description = "The image",
            content = @Content(schema = @Schema(implementation = ImageDto.class)))
    @APIResponse(responseCode = "404", description = "ResourceNotFound: unknown login, or no image with that id the "
            + "account can see")
    Uni<ImageDto> getImage(@Parameter(ref = LOGIN) @PathParam("login") String login,
                           @Parameter(description = "The image's id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                           @PathParam("id") String id);

    /** UpdateImage, ExportImage and CloneImage, chosen by {@code action} from the query or the body. */
    @POST
    @Path("{id}")
    @Operation(operationId = "ImageAction", summary = "UpdateImage, ExportImage or CloneImage, in CloudAPI's form",
            description = "The form `triton` and `sdc-*` send: `action` in the query or in the body chooses the "
                    + "operation, which is otherwise the same as UpdateImage (`{id}/update`), ExportImage "
                    + "(`{id}/export`) or CloneImage (`{id}/clone`). The answer is an Image, or a MantaLocation for "
                    + "export. Prefer the typed operations in new clients.")
    @Parameter(name = "action", in = ParameterIn.QUERY, description = "The operation, unless the body names it",
            schema = @Schema(type = SchemaType.STRING, enumeration = {"update", "export", "clone"}))
    @Parameter(name = "manta_path", in = ParameterIn.QUERY, description = "export: the Manta path prefix to export to",
            schema = @Schema(type = SchemaType.STRING), example = "/user/stor/my-image")
    @APIResponse(responseCode = "200", description = "update, clone: the image; export: where it went",
            content = @Content(schema = @Schema(oneOf = {ImageDto.class, MantaLocationDto.class})))
    @APIResponse(responseCode = "409", description = "MissingParameter: no action, or export without manta_path; "
            + "InvalidArgument: an unknown action")
    @APIResponse(responseCode = "422", description = "As UpdateImage, ExportImage or CloneImage answer")
    Response imageAction(@Parameter(ref = LOGIN) @PathParam("login") String login,
                         @Parameter(description = "The image's id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                         @PathParam("id") String id,
                         @Context UriInfo uri,
                         @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                 schema = @Schema(implementation = ImageActionRequest.class)))
                         byte[] body);

    /** UpdateImage on its own path: {@code POST /{login}/images/{id}?action=update}. */
    @POST
    @Path("{id}/update")
    @Operation(operationId = "UpdateImage", summary = "Change an image's metadata",
            description = "Only the owner may. CloudAPI's form: `POST /{login}/images/{id}?action=update` with the "
                    + "same body.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = UpdateImageRequest.class)))
    @APIResponse(responseCode = "200", description = "The updated image",
            content = @Content(schema = @Schema(implementation = ImageDto.class)))
    @APIResponse(responseCode = "404", description = "ResourceNotFound: unknown login, or no image with that id the "
            + "account can see")
    @APIResponse(responseCode = "422", description = "ValidationFailed: no updatable field, or an invalid value "
            + "(errors names each); NotImageOwner: the account does not own the image")
    ImageDto updateImage(@Parameter(ref = LOGIN) @PathParam("login") String login,
                         @Parameter(description = "The image's id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                         @PathParam("id") String id,
                         @Context UriInfo uri, byte[] body);

    /** ExportImage on its own path: {@code POST /{login}/images/{id}?action=export}. */
    @POST
    @Path("{id}/export")
    @Operation(operationId = "ExportImage", summary = "Export an image to a Manta path",
            description = "Writes the image's manifest and file under the path: a directory gets "
                    + "`NAME-VER.imgmanifest` and `NAME-VER.zfs.EXT` in it, any other path P gets `P.imgmanifest` and "
                    + "`P.zfs.EXT` (EXT from the file's compression: gz, bz2, xz, or none). Only the owner may, and "
                    + "only below their own login. CloudAPI's form: `POST /{login}/images/{id}?action=export&manta_path=P`.")
    @Parameter(name = "manta_path", in = ParameterIn.QUERY, required = true,
            description = "The Manta path prefix to export to; its first segment must be the account's login",
            schema = @Schema(type = SchemaType.STRING), example = "/user/stor/my-image")
    @APIResponse(responseCode = "200", description = "Where the manifest and the file went",
            content = @Content(schema = @Schema(implementation = MantaLocationDto.class)))
    @APIResponse(responseCode = "404", description = "ResourceNotFound: unknown login, or no image with that id the "
            + "account can see")
    @APIResponse(responseCode = "409", description = "MissingParameter: no manta_path; InvalidArgument: not an "
            + "object path below /LOGIN/stor or /LOGIN/public")
    @APIResponse(responseCode = "422", description = "NotImageOwner: the account does not own the image; "
            + "NotMantaPathOwner: the path is not below the account's login; ValidationFailed: the image has no file")
    MantaLocationDto exportImage(@Parameter(ref = LOGIN) @PathParam("login") String login,
                                 @Parameter(description = "The image's id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                                 @PathParam("id") String id,
                                 @Context UriInfo uri);

    /** CloneImage on its own path: {@code POST /{login}/images/{id}?action=clone}. */
    @POST
    @Path("{id}/clone")
    @Operation(operationId = "CloneImage", summary = "Copy an image shared with the account into the account",
            description = "The clone has a new id, the account as owner, no ACL and published_at now; other fields "
                    + "are copied. Origin images that are not operator images are cloned too, in state disabled. "
                    + "CloudAPI's form: `POST /{login}/images/{id}?action=clone`.")
    @APIResponse(responseCode = "200", description = "The clone", content = @Content(schema = @Schema(implementation = ImageDto.class),
            example = """
                    {
                      "id": "4ca995fe-b904-11e3-b05a-83a4899322dc",
                      "name": "some-image",
                      "version": "1.0.0",
                      "os": "smartos",
                      "requirements": {},
                      "type": "zone-dataset",
                      "published_at": "2017-11-25T17:44:54Z",
                      "owner": "77034e57-42d1-0342-b302-00db733e8c8a",
                      "public": true,
                      "state": "active"
                    }"""))
    @APIResponse(responseCode = "404", description = "ResourceNotFound: unknown login, or no image with that id the "
            + "account can see")
    @APIResponse(responseCode = "422", description = "ValidationFailed: the image is not activated; ImageNotShared: "
            + "the image is not shared with the account (its own images and public operator images are not)")
    ImageDto cloneImage(@Parameter(ref = LOGIN) @PathParam("login") String login,
                        @Parameter(description = "The image's id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                        @PathParam("id") String id,
                        @Context UriInfo uri);

    @DELETE
    @Path("{id}")
    @Operation(operationId = "DeleteImage", summary = "Delete an image",
            description = "Only the owner may; an image in any state may be deleted.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "ResourceNotFound: unknown login, or no image with that id the "
            + "account can see")
    @APIResponse(responseCode = "422", description = "NotImageOwner: the account does not own the image; "
            + "ImageHasDependentImages: another image has it as origin")
    Response deleteImage(@Parameter(ref = LOGIN) @PathParam("login") String login,
                         @Parameter(description = "The image's id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                         @PathParam("id") String id);

    @OPTIONS
    @Operation(hidden = true)
    Response preflightImages();

    @OPTIONS
    @Path("{id}")
    @Operation(hidden = true)
    Response preflightImage();

    @OPTIONS
    @Path("{id}/{action: update|export|clone}")
    @Operation(hidden = true)
    Response preflightImageAction();
}
