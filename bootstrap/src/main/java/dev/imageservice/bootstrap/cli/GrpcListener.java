package dev.imageservice.bootstrap.cli;

import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.quarkus.grpc.runtime.health.GrpcHealthStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether the gRPC server started. Quarkus logs a gRPC server that cannot bind its port (with a stack
 * trace) and goes on serving REST alone; the server asks this bean after start and stops instead.
 */
@ApplicationScoped
public class GrpcListener {

    private final Instance<GrpcHealthStorage> health;
    private final String host;
    private final int port;

    @Inject
    public GrpcListener(Instance<GrpcHealthStorage> health,
                        @ConfigProperty(name = "quarkus.grpc.server.host", defaultValue = "0.0.0.0") String host,
                        @ConfigProperty(name = "quarkus.grpc.server.port") int port) {
        this.health = health;
        this.host = host;
        this.port = port;
    }

    /** Quarkus marks the server's overall status SERVING only once it listens. */
    boolean isServing() {
        return health.isResolvable()
                && health.get().getStatuses().get(GrpcHealthStorage.DEFAULT_SERVICE_NAME) == ServingStatus.SERVING;
    }

    String whyNotServing() {
        String cause = StartFailureFilter.GRPC_FAILURE.get();
        return "the gRPC server cannot listen on " + host + ":" + port
                + (cause == null ? "" : " (" + cause + ")")
                + "; stop what holds the port or set IMAGES_GRPC_PORT";
    }
}
