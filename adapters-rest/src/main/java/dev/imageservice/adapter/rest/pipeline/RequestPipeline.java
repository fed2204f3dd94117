package dev.imageservice.adapter.rest.pipeline;

import dev.imageservice.application.port.in.AuthenticateRequestUseCase;
import dev.imageservice.application.port.in.SignedRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Steps 1 and 2 of a CloudAPI request (docs/compatibility.md, "One request, in order"): version negotiation, then HTTP
 * Signature authentication. Both run after routing, so unknown paths and wrong methods are answered
 * before either; preflight OPTIONS requests need neither. The resources then merge parameters,
 * resolve {@code :login} and load the image, in that order.
 */
public class RequestPipeline {

    private final CallerContext context;
    private final AuthenticateRequestUseCase authenticateRequest;

    @Inject
    public RequestPipeline(CallerContext context, AuthenticateRequestUseCase authenticateRequest) {
        this.context = context;
        this.authenticateRequest = authenticateRequest;
    }

    @CloudApi
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 100)
    public void negotiateVersion(ContainerRequestContext request) {
        if (request.getMethod().equals(HttpMethod.OPTIONS)) {
            return;
        }
        String range = firstPresent(request, "Accept-Version", "X-Api-Version", "Api-Version");
        context.version(ApiVersion.negotiate(range, request.getMethod() + " " + request.getUriInfo().getPath()));
    }

    @CloudApi
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Void> authenticate(ContainerRequestContext request, HttpServerRequest http) {
        if (request.getMethod().equals(HttpMethod.OPTIONS)) {
            return Uni.createFrom().voidItem();
        }
        // One pass over the entries: names() would build a sorted set, and getAll a list per name.
        Map<String, String> headers = new HashMap<>();
        for (Map.Entry<String, String> header : http.headers()) {
            headers.merge(header.getKey().toLowerCase(Locale.ROOT), header.getValue(), (first, next) -> first + ", " + next);
        }
        // The signature covers the request target exactly as the client wrote it: never decoded or re-encoded.
        SignedRequest signed = new SignedRequest(http.method().name(), http.uri(), headers);
        // On the I/O thread (GetImage) when the signer's keys are at hand; see MemoryOrWorker.
        return MemoryOrWorker.answer(() -> authenticateRequest.authenticateFromMemory(signed),
                () -> authenticateRequest.authenticate(signed)).invoke(caller -> context.caller(caller)).replaceWithVoid();
    }

    private static String firstPresent(ContainerRequestContext request, String... names) {
        for (String name : names) {
            String value = request.getHeaderString(name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
