package dev.imageservice.adapter.persistence.s3;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 API server for the tests: S3Proxy on a free port, with AWS Signature V4 authentication,
 * keeping its objects in a folder under {@code target/}. The bucket {@value #BUCKET} exists; the
 * service is pointed at it through the same {@code images.s3.*} settings an operator sets.
 */
public class S3ProxyServer implements QuarkusTestResourceLifecycleManager {

    public static final String BUCKET = "images";
    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key";

    private S3Proxy proxy;
    private BlobStoreContext context;

    @Override
    public Map<String, String> start() {
        try {
            Path folder = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "s3proxy-");
            Properties properties = new Properties();
            properties.setProperty("jclouds.filesystem.basedir", folder.toAbsolutePath().toString());
            context = ContextBuilder.newBuilder("filesystem-nio2").credentials("unused", "unused")
                    .overrides(properties).build(BlobStoreContext.class);
            context.getBlobStore().createContainerInLocation(null, BUCKET);
            proxy = S3Proxy.builder()
                    .blobStore(context.getBlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
        return Map.of(
                "images.s3.endpoint", endpoint(),
                "images.s3.bucket", BUCKET,
                "images.s3.access-key", ACCESS_KEY,
                "images.s3.secret-key", SECRET_KEY);
    }

    private String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    @Override
    public void stop() {
        try {
            if (proxy != null) {
                proxy.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        } finally {
            if (context != null) {
                context.close();
            }
        }
    }
}
