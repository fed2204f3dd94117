package dev.imageservice.adapter.persistence.s3;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** Runs a test class with image files and exports in S3Proxy instead of the data folder. */
public class S3Backend implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(S3ProxyServer.class));
    }
}
