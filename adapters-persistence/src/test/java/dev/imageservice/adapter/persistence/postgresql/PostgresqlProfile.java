package dev.imageservice.adapter.persistence.postgresql;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** Runs a test class against PostgreSQL instead of H2: its subclass {@code ...OnPostgresqlTest} has this profile. */
public class PostgresqlProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresqlResource.class));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("images.data-dir", "target/test-data-postgresql");
    }
}
