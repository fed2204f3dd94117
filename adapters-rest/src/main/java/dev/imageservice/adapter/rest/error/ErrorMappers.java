package dev.imageservice.adapter.rest.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.imageservice.adapter.rest.dto.ErrorDto;
import dev.imageservice.adapter.rest.pipeline.CloudApiHeaders;
import dev.imageservice.adapter.rest.pipeline.Routes;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every failure leaves as a CloudAPI error body {@code {"code","message"}}: domain errors through
 * {@link ErrorStatus}, protocol errors with their own status, and whatever Quarkus REST itself
 * throws (no route, wrong method, ...) translated, so that no HTML page and no bare status escapes.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    /** An InternalError is this server's own fault even when it has a code: logged as {@link #unexpected} is. */
    @ServerExceptionMapper
    public Response domain(DomainException e, ContainerRequestContext request) {
        if (e.code() == ErrorCode.INTERNAL_ERROR) {
            logFault(e, request);
        }
        return Response.status(ErrorStatus.of(e.code())).entity(ErrorDto.from(e)).build();
    }

    @ServerExceptionMapper
    public Response protocol(ProtocolException e) {
        return error(e.error(), e.getMessage());
    }

    /**
     * Routing found no resource method. A path of a known shape asked with a method it does not serve
     * is a 405; anything else is restify's "does not exist". {@link Routes} decides rather than the
     * router, whose answer depends on how the resource classes happen to be split.
     */
    @ServerExceptionMapper
    public Response notFound(NotFoundException e, HttpServerRequest http) {
        Routes route = Routes.of(http.path());
        if (route != null && !route.serves(http.method().name())) {
            return methodNotAllowed(route, http);
        }
        return error(ErrorStatus.Protocol.RESOURCE_NOT_FOUND, http.path() + " does not exist");
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, HttpServerRequest http) {
        Routes route = Routes.of(http.path());
        if (route == null) {
            return error(ErrorStatus.Protocol.RESOURCE_NOT_FOUND, http.path() + " does not exist");
        }
        return methodNotAllowed(route, http);
    }

    private static Response methodNotAllowed(Routes route, HttpServerRequest http) {
        return Response.status(ErrorStatus.Protocol.METHOD_NOT_ALLOWED.status())
                .header("Allow", route.methods())
                .entity(ErrorDto.of(ErrorStatus.Protocol.METHOD_NOT_ALLOWED.wireName(),
                        http.method().name() + " is not allowed"))
                .build();
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, HttpServerRequest http) {
        return error(ErrorStatus.Protocol.WRONG_ACCEPT, "this server does not serve " + http.getHeader("Accept"));
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e, HttpServerRequest http) {
        return error(ErrorStatus.Protocol.UNSUPPORTED_MEDIA_TYPE,
                "content type " + http.getHeader("Content-Type") + " is not supported");
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return error(ErrorStatus.Protocol.INVALID_CONTENT, "Invalid JSON: " + e.getOriginalMessage());
    }

    /** Anything else Quarkus REST raises keeps its status, in CloudAPI's shape. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, ContainerRequestContext request) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, request);
        }
        ErrorStatus.Protocol error = switch (status) {
            case 404 -> ErrorStatus.Protocol.RESOURCE_NOT_FOUND;
            case 405 -> ErrorStatus.Protocol.METHOD_NOT_ALLOWED;
            case 406 -> ErrorStatus.Protocol.WRONG_ACCEPT;
            case 413 -> ErrorStatus.Protocol.REQUEST_ENTITY_TOO_LARGE;
            case 415 -> ErrorStatus.Protocol.UNSUPPORTED_MEDIA_TYPE;
            default -> ErrorStatus.Protocol.BAD_REQUEST;
        };
        return Response.status(status).entity(ErrorDto.of(error.wireName(), e.getMessage())).build();
    }

    /**
     * A bug or an outage: the client learns nothing of its insides; the log keeps the detail, with the
     * Request-Id the client was answered so the two can be matched. Client errors above are never logged.
     */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, ContainerRequestContext request) {
        if (clientWentAway(e)) {
            return error(ErrorStatus.Protocol.BAD_REQUEST, "the connection closed before the request was read whole");
        }
        logFault(e, request);
        return error(ErrorStatus.Protocol.INTERNAL_ERROR, "Internal error");
    }

    /** A client that hangs up in the middle of its body is no fault of the server's, and not logged as one. */
    private static boolean clientWentAway(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpClosedException) {
                return true;
            }
        }
        return false;
    }

    private static void logFault(Throwable e, ContainerRequestContext request) {
        LOG.errorf(e, "request %s failed unexpectedly", CloudApiHeaders.requestId(request));
    }

    private static Response error(ErrorStatus.Protocol error, String message) {
        return Response.status(error.status()).entity(ErrorDto.of(error.wireName(), message)).build();
    }
}
