/**
 * The OpenAPI document's shared parts, in one place: the HTTP Signature security scheme, the request
 * headers, the response headers and the errors any request can meet. SmallRye reads an
 * {@code @OpenAPIDefinition} from a package (or a JAX-RS Application class, which this service does
 * not need). {@link dev.imageservice.adapter.rest.openapi.CloudApiDocumentFilter} attaches the
 * shared parts to every operation; the resources refer to the others by the names in
 * {@link dev.imageservice.adapter.rest.openapi.CloudApiDocument}.
 */
@OpenAPIDefinition(
        info = @Info(title = "Image service: Triton CloudAPI Images", version = "9.0.0",
                description = """
                        The images part of Triton CloudAPI (`/:login/images`), wire-compatible with the \
                        `triton` and `sdc-*` command-line clients, plus the account, machine and datacenter \
                        reads those clients make.

                        **Parameters.** As in CloudAPI, where a POST takes a JSON body, its query parameters \
                        and body members are merged into one set, the body winning on conflict.

                        **Actions.** CloudAPI chooses UpdateImage, ExportImage and CloneImage by an `action` \
                        parameter on `POST /{login}/images/{id}`, and ImportImageFromDatacenter by \
                        `action=import-from-datacenter` on `POST /{login}/images`. One path and method can \
                        only be one OpenAPI operation, so each action is also served on its own path \
                        (`/{login}/images/{id}/update`, `.../export`, `.../clone`, \
                        `/{login}/images/import-from-datacenter`), with the same behaviour and typed inputs \
                        and outputs: use these in generated clients. CloudAPI's forms stay as they are; \
                        `POST /{login}/images/{id}` is documented as `ImageAction`.

                        **Versions.** `Accept-Version` (or `X-Api-Version`, or `Api-Version`) takes an npm \
                        style range such as `~9||~8` or `~7.2`; the highest of 9.0.0, 8.0.0, 7.3.0, 7.2.0, \
                        7.1.0, 7.0.0 it allows is served; none means the latest. Before 8.0.0 image types are \
                        named `smartmachine` and `virtualmachine`. The `Api-Version` response header always \
                        names the latest."""),
        tags = {
                @Tag(name = CloudApiDocument.TAG_IMAGES, description = "Images: list, get, create, import, update, export, clone, delete"),
                @Tag(name = CloudApiDocument.TAG_ACCOUNT, description = "The account"),
                @Tag(name = CloudApiDocument.TAG_MACHINES, description = "The account's machines, as image creation needs them"),
                @Tag(name = CloudApiDocument.TAG_DATACENTERS, description = "This cloud's datacenters"),
                @Tag(name = CloudApiDocument.TAG_EXPORTED, description = "Objects ExportImage wrote (a local stand-in for Manta)")
        },
        security = @SecurityRequirement(name = CloudApiDocument.HTTP_SIGNATURE),
        components = @Components(
                securitySchemes = @SecurityScheme(securitySchemeName = CloudApiDocument.HTTP_SIGNATURE,
                        type = SecuritySchemeType.HTTP, scheme = "signature",
                        description = """
                                HTTP Signature (draft-cavage-http-signatures), as CloudAPI uses it. Every request \
                                carries a `Date` header and

                                `Authorization: Signature keyId="/LOGIN/keys/FINGERPRINT",algorithm="rsa-sha256",headers="(request-target) date",signature="BASE64"`

                                - `keyId`: the account's login and the key's MD5 fingerprint in colon hex \
                                (`a1:b2:...`, no `MD5:` prefix), its SHA256 fingerprint, or its name.
                                - The signing string is one `name: value` line per header listed in `headers`, \
                                in that order, joined by `\\n` (no trailing newline). `(request-target)` is the \
                                lower-case method, a space, and the path and query exactly as sent: \
                                `(request-target): post /my/images/ID/export?manta_path=%2Fmy%2Fstor%2Fx` then \
                                `date: Tue, 07 Jan 2025 10:00:00 GMT`. `date` (or `x-date`) must be signed; \
                                `headers="date"` alone is accepted too.
                                - `signature`: the signing string signed with the account's private key, base64. \
                                Algorithms: `rsa-sha1`, `rsa-sha256`, `rsa-sha384`, `rsa-sha512`, `ecdsa-sha256`, \
                                `ecdsa-sha384`, `ecdsa-sha512`, `ed25519-sha512`.
                                - The Date may differ from the server's clock by 300 seconds at most.

                                A generated client adds both headers in a request interceptor (see the README)."""),
                parameters = {
                        @Parameter(name = CloudApiDocument.LOGIN, in = ParameterIn.PATH, required = true,
                                description = "The account's login, or `my` for the signing account. Another "
                                        + "account's login answers 403 NotAuthorized, an unknown one 404.",
                                schema = @Schema(type = SchemaType.STRING), example = "my"),
                        @Parameter(name = CloudApiDocument.ACCEPT_VERSION, in = ParameterIn.HEADER,
                                description = "The API versions the client accepts, an npm-style range; none means "
                                        + "the latest (9.0.0). `X-Api-Version` and `Api-Version` are read too, in that order.",
                                schema = @Schema(type = SchemaType.STRING), example = "~9||~8"),
                        @Parameter(name = CloudApiDocument.DATE, in = ParameterIn.HEADER,
                                description = "Needed by every request: the time of the request (RFC 1123), which "
                                        + "the signature covers. Set by the signing step together with Authorization "
                                        + "(see the security scheme), so it is not a per-call argument.",
                                schema = @Schema(type = SchemaType.STRING), example = "Tue, 07 Jan 2025 10:00:00 GMT"),
                        @Parameter(name = CloudApiDocument.IF_MATCH, in = ParameterIn.HEADER,
                                description = "Write only if the image is still at this revision: the `ETag` of "
                                        + "the last answer that showed it. A stale one answers 412 PreconditionFailed "
                                        + "and nothing changes. `*` only asks that the image exist; without If-Match "
                                        + "the write applies to whatever is stored, as CloudAPI does. One tag at most.",
                                schema = @Schema(type = SchemaType.STRING), example = "\"3\"")
                },
                headers = {
                        @Header(name = CloudApiDocument.API_VERSION, description = "The highest API version this server serves "
                                + "(whatever version the request was served at)",
                                schema = @Schema(type = SchemaType.STRING, example = "9.0.0")),
                        @Header(name = CloudApiDocument.REQUEST_ID, description = "The request's id: the incoming "
                                + "`request-id` or `x-request-id` header, else a new UUID",
                                schema = @Schema(type = SchemaType.STRING, example = "af34a510-c014-11e5-9c73-6767e338bf5d")),
                        @Header(name = CloudApiDocument.RESPONSE_TIME, description = "How long the request took, in milliseconds",
                                schema = @Schema(type = SchemaType.INTEGER, example = "12")),
                        @Header(name = CloudApiDocument.LOCATION, description = "The new image's path, `/LOGIN/images/ID`",
                                schema = @Schema(type = SchemaType.STRING, example = "/admin/images/b87616a2-7a49-4e02-a71d-2e0ce5a2f037")),
                        @Header(name = CloudApiDocument.JOB_ID, description = "The id of the job that makes the image",
                                schema = @Schema(type = SchemaType.STRING, format = "uuid", example = "0b30ef20-d622-436a-9c30-7376ba7d904c")),
                        @Header(name = CloudApiDocument.DATACENTER_NAME, description = "The name of the datacenter that answered",
                                schema = @Schema(type = SchemaType.STRING, example = "us-east-1")),
                        @Header(name = CloudApiDocument.RESOURCE_COUNT, description = "How many resources match, over all pages",
                                schema = @Schema(type = SchemaType.INTEGER, example = "1")),
                        @Header(name = CloudApiDocument.ETAG, description = "The image's revision, a strong entity "
                                + "tag that changes with every write; send it as If-Match to UpdateImage or DeleteImage",
                                schema = @Schema(type = SchemaType.STRING, example = "\"3\""))
                },
                responses = {
                        @APIResponse(name = CloudApiDocument.BAD_REQUEST, responseCode = "400",
                                description = "InvalidHeader (Authorization malformed, Date missing, unsigned or more "
                                        + "than 300 s off), InvalidVersion (no served version in the range), InvalidContent "
                                        + "(a body that is not a JSON object)",
                                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorDto.class), examples = {
                                        @ExampleObject(name = "InvalidVersion",
                                                value = "{\"code\":\"InvalidVersion\",\"message\":\"~6 is not supported by GET /my/images\"}"),
                                        @ExampleObject(name = "InvalidHeader",
                                                value = "{\"code\":\"InvalidHeader\",\"message\":\"clock skew of date header exceeds 300 seconds\"}")})),
                        @APIResponse(name = CloudApiDocument.UNAUTHORIZED, responseCode = "401",
                                description = "InvalidCredentials: no or a bad signature, unknown login or key",
                                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorDto.class), examples =
                                        @ExampleObject(name = "InvalidCredentials",
                                                value = "{\"code\":\"InvalidCredentials\",\"message\":\"You must make authenticated requests to use CloudAPI\"}"))),
                        @APIResponse(name = CloudApiDocument.FORBIDDEN, responseCode = "403",
                                description = "NotAuthorized: the path names another account's login, or the account is disabled",
                                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorDto.class), examples =
                                        @ExampleObject(name = "NotAuthorized",
                                                value = "{\"code\":\"NotAuthorized\",\"message\":\"You do not have permission to access bob\"}"))),
                        @APIResponse(name = CloudApiDocument.NOT_FOUND, responseCode = "404",
                                description = "ResourceNotFound: unknown login, or a resource the account cannot see",
                                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorDto.class), examples =
                                        @ExampleObject(name = "ResourceNotFound",
                                                value = "{\"code\":\"ResourceNotFound\",\"message\":\"image not found\"}"))),
                        @APIResponse(name = CloudApiDocument.PRECONDITION_FAILED, responseCode = "412",
                                description = "PreconditionFailed: If-Match names another revision than the stored "
                                        + "one; nothing changed",
                                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorDto.class), examples =
                                        @ExampleObject(name = "PreconditionFailed",
                                                value = "{\"code\":\"PreconditionFailed\",\"message\":\"image has changed\"}"))),
                        @APIResponse(name = CloudApiDocument.INTERNAL_ERROR, responseCode = "500",
                                description = "InternalError: an unexpected failure; the server log has the details",
                                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorDto.class), examples =
                                        @ExampleObject(name = "InternalError",
                                                value = "{\"code\":\"InternalError\",\"message\":\"Internal error\"}"))),
                        @APIResponse(name = CloudApiDocument.SERVICE_UNAVAILABLE, responseCode = "503",
                                description = "ServiceUnavailableError: no database connection came free within "
                                        + "images.db.acquisition-timeout (a burst larger than the pool, or a database "
                                        + "that cannot be reached); nothing changed, try again",
                                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorDto.class), examples =
                                        @ExampleObject(name = "ServiceUnavailableError",
                                                value = "{\"code\":\"ServiceUnavailableError\",\"message\":\"the database is busy or cannot be reached; try again\"}")))
                }))
package dev.imageservice.adapter.rest.openapi;

import dev.imageservice.adapter.rest.dto.ErrorDto;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
