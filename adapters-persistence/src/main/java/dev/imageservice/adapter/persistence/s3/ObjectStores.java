package dev.imageservice.adapter.persistence.s3;

import dev.imageservice.adapter.persistence.export.ExportObjects;
import dev.imageservice.adapter.persistence.export.LocalExportObjects;
import dev.imageservice.adapter.persistence.files.BlobStorage;
import dev.imageservice.adapter.persistence.files.LocalBlobStorage;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Chooses at start where image files and exports live: in the data folder, or, when
 * {@code images.s3.endpoint} is set, in an S3-compatible store. The same jar does either; nothing
 * is decided at build time.
 */
@ApplicationScoped
public class ObjectStores {

    private final S3Settings s3;
    private final Path dataDir;
    private S3Client client;

    @Inject
    public ObjectStores(S3Settings s3, @ConfigProperty(name = "images.data-dir") Path dataDir) {
        this.s3 = s3;
        this.dataDir = dataDir;
    }

    @Produces
    @ApplicationScoped
    BlobStorage blobStorage() {
        return s3.endpoint().isEmpty() ? new LocalBlobStorage(dataDir.resolve("files"))
                : new S3BlobStorage(new S3Bucket(client(), filesBucket(), "files/"));
    }

    @Produces
    @ApplicationScoped
    ExportObjects exportObjects() {
        if (s3.endpoint().isEmpty()) {
            return new LocalExportObjects(dataDir.resolve("manta"));
        }
        return new S3ExportObjects(s3.exportBucket().map(bucket -> new S3Bucket(client(), bucket, ""))
                .orElseGet(() -> new S3Bucket(client(), filesBucket(), "manta/")));
    }

    /**
     * A store that cannot be used stops the start before anything serves, with one line naming the
     * setting to fix: Quarkus prints a ConfigurationException without a cause as its message alone.
     */
    void checkAtStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent startup) {
        if (s3.endpoint().isEmpty()) {
            return;
        }
        check(filesBucket(), "IMAGES_S3_BUCKET");
        s3.exportBucket().ifPresent(bucket -> check(bucket, "IMAGES_S3_EXPORT_BUCKET"));
    }

    private void check(String bucket, String setting) {
        URI endpoint = s3.endpoint().orElseThrow();
        try {
            client().headBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            throw new ConfigurationException(switch (e.statusCode()) {
                case 404 -> setting + ": bucket " + bucket + " does not exist at " + endpoint;
                case 401, 403 -> "IMAGES_S3_ACCESS_KEY / IMAGES_S3_SECRET_KEY: " + endpoint + " refuses them for bucket "
                        + bucket + " (HTTP " + e.statusCode() + ")";
                case 301 -> "IMAGES_S3_REGION: bucket " + bucket + " is not in " + s3.region() + " at " + endpoint;
                default -> setting + ": " + endpoint + " answers HTTP " + e.statusCode() + " for bucket " + bucket;
            });
        } catch (SdkException e) {
            throw new ConfigurationException("IMAGES_S3_ENDPOINT: cannot reach " + endpoint + " ("
                    + rootMessage(e) + ")");
        }
    }

    private String filesBucket() {
        return s3.bucket().orElseThrow(() -> new ConfigurationException(
                "IMAGES_S3_BUCKET: not set, and IMAGES_S3_ENDPOINT selects S3 for image files"));
    }

    /**
     * One client for both stores. The SDK's own checksum headers are sent only where S3 requires them:
     * not every S3-compatible server accepts them, and the stores check content by SHA-256 themselves.
     */
    synchronized S3Client client() {
        if (client == null) {
            client = S3Client.builder()
                    .endpointOverride(s3.endpoint().orElseThrow())
                    .region(Region.of(s3.region()))
                    .forcePathStyle(s3.pathStyle())
                    .credentialsProvider(credentials())
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .httpClientBuilder(UrlConnectionHttpClient.builder()
                            .connectionTimeout(Duration.ofSeconds(5))
                            .socketTimeout(Duration.ofMinutes(2)))
                    .build();
        }
        return client;
    }

    private AwsCredentialsProvider credentials() {
        if (s3.accessKey().isPresent() != s3.secretKey().isPresent()) {
            throw new ConfigurationException("IMAGES_S3_ACCESS_KEY and IMAGES_S3_SECRET_KEY: set both or neither");
        }
        return s3.accessKey().<AwsCredentialsProvider>map(key -> StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(key, s3.secretKey().orElseThrow())))
                .orElseGet(DefaultCredentialsProvider::create);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
