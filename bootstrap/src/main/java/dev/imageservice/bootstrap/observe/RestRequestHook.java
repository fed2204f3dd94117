package dev.imageservice.bootstrap.observe;

import dev.imageservice.adapter.rest.pipeline.OperationNames;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Sees every HTTP request first and hears when its response ended, so the time includes a streamed
 * body and requests that never reached a resource (refused signatures, unknown paths) are counted.
 * {@code /q/*} (health, metrics, OpenAPI) is left out: probes and scrapes are not traffic.
 */
@ApplicationScoped
public class RestRequestHook {

    private final RequestTelemetry telemetry;

    @Inject
    public RestRequestHook(RequestTelemetry telemetry) {
        this.telemetry = telemetry;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            HttpServerRequest request = context.request();
            if (!request.path().startsWith("/q/")) {
                long started = System.nanoTime();
                context.addEndHandler(ended -> {
                    int status = context.response().getStatusCode();
                    String method = request.method().name();
                    telemetry.record("REST", OperationNames.of(method, request.path(), request.getParam("action")),
                            method + " " + request.uri(), Integer.toString(status), status / 100 + "xx",
                            String.valueOf(context.response().headers().get("Request-Id")),
                            ClaimedLogin.of(request.getHeader("Authorization")), System.nanoTime() - started);
                });
            }
            context.next();
        });
    }
}
