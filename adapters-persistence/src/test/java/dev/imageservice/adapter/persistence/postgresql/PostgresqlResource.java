package dev.imageservice.adapter.persistence.postgresql;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points the application at a fresh database on the JVM's {@link PostgresqlServer}. */
public class PostgresqlResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        PostgresqlServer server = PostgresqlServer.shared();
        return Map.of("images.db.url", server.createDatabase(), "images.db.user", PostgresqlServer.USER,
                "images.db.password", server.password());
    }

    @Override
    public void stop() {
        // The server lives as long as the JVM: other test classes use it too.
    }
}
