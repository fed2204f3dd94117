package dev.imageservice.adapter.persistence.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A store that cannot be used stops the start with one line naming the setting to fix, and the
 * readiness probe says which bucket refused. Quarkus prints a ConfigurationException that has no
 * cause as its message alone, so the message is the whole output and must stand on its own.
 */
class ObjectStoresStartTest {

    private static final S3ProxyServer SERVER = new S3ProxyServer();
    private static Map<String, String> settings;

    @BeforeAll
    static void startS3Proxy() {
        settings = SERVER.start();
    }

    @AfterAll
    static void stopS3Proxy() {
        SERVER.stop();
    }

    @Test
    void theRightSettingsStartAndAreWritable() {
        ObjectStores stores = stores(endpoint(), S3ProxyServer.BUCKET, S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY);

        stores.checkAtStart(new StartupEvent());
        stores.blobStorage().checkWritable();
        stores.exportObjects().checkWritable();
        stores.close();
    }

    @Test
    void wrongCredentialsNameTheKeySettings() {
        assertRefused(stores(endpoint(), S3ProxyServer.BUCKET, S3ProxyServer.ACCESS_KEY, "not-the-secret"),
                "IMAGES_S3_ACCESS_KEY / IMAGES_S3_SECRET_KEY: " + endpoint() + " refuses them for bucket images (HTTP 403)");
    }

    @Test
    void aMissingBucketNamesTheBucketSettingAndFailsReadiness() {
        ObjectStores stores = stores(endpoint(), "no-such-bucket", S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY);

        assertThatThrownBy(() -> stores.blobStorage().checkWritable())
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("s3://no-such-bucket/files/tmp/probe-");
        assertRefused(stores, "IMAGES_S3_BUCKET: bucket no-such-bucket does not exist at " + endpoint());
    }

    @Test
    void aMissingExportBucketNamesItsSetting() {
        ObjectStores stores = stores(endpoint(), S3ProxyServer.BUCKET, S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY,
                "no-exports");

        assertThatThrownBy(() -> stores.exportObjects().checkWritable())
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("s3://no-exports/.probe/probe-");
        assertRefused(stores, "IMAGES_S3_EXPORT_BUCKET: bucket no-exports does not exist at " + endpoint());
    }

    @Test
    void anUnreachableEndpointNamesTheEndpointSetting() throws IOException {
        String closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = "http://127.0.0.1:" + socket.getLocalPort();
        }

        assertRefused(stores(closed, S3ProxyServer.BUCKET, S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY),
                "IMAGES_S3_ENDPOINT: cannot reach " + closed + " (Connection refused)");
    }

    @Test
    void anEndpointWithoutABucketNamesTheBucketSetting() {
        assertRefused(stores(endpoint(), null, S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY),
                "IMAGES_S3_BUCKET: not set, and IMAGES_S3_ENDPOINT selects S3 for image files");
    }

    private static void assertRefused(ObjectStores stores, String line) {
        assertThatThrownBy(() -> stores.checkAtStart(new StartupEvent()))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e).hasMessage(line).hasNoCause();
                    assertThat(e.getMessage()).doesNotContain("\n");
                });
        stores.close();
    }

    private static String endpoint() {
        return settings.get("images.s3.endpoint");
    }

    private static ObjectStores stores(String endpoint, String bucket, String accessKey, String secretKey) {
        return stores(endpoint, bucket, accessKey, secretKey, null);
    }

    private static ObjectStores stores(String endpoint, String bucket, String accessKey, String secretKey,
                                       String exportBucket) {
        return new ObjectStores(new S3Settings() {
            @Override
            public Optional<URI> endpoint() {
                return Optional.of(URI.create(endpoint));
            }

            @Override
            public Optional<String> bucket() {
                return Optional.ofNullable(bucket);
            }

            @Override
            public String region() {
                return "us-east-1";
            }

            @Override
            public Optional<String> accessKey() {
                return Optional.of(accessKey);
            }

            @Override
            public Optional<String> secretKey() {
                return Optional.of(secretKey);
            }

            @Override
            public Optional<String> exportBucket() {
                return Optional.ofNullable(exportBucket);
            }

            @Override
            public boolean pathStyle() {
                return true;
            }
        }, Path.of("target/test-data"));
    }
}
