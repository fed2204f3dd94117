package dev.imageservice.adapter.persistence.migration;

import dev.imageservice.adapter.persistence.postgresql.PostgresqlResource;
import dev.imageservice.adapter.persistence.s3.S3ProxyServer;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** A cluster: metadata in a real PostgreSQL, image files and exports in S3Proxy. */
public class ClusterProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresqlResource.class), new TestResourceEntry(S3ProxyServer.class));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("images.data-dir", "target/test-data-cluster");
    }
}
