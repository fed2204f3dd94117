package dev.imageservice.adapter.persistence.s3;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.Optional;

/**
 * The S3-compatible object store for image files and exports. Each setting is also read from its
 * environment twin ({@code images.s3.access-key} from {@code IMAGES_S3_ACCESS_KEY}, and so on).
 */
@ConfigMapping(prefix = "images.s3")
public interface S3Settings {

    /** Setting it selects S3 for image files and exports; unset, both stay in the data folder. */
    Optional<URI> endpoint();

    Optional<String> bucket();

    @WithDefault("us-east-1")
    String region();

    /** Unset: the SDK's default credentials (AWS_* environment, profile, instance role). */
    Optional<String> accessKey();

    Optional<String> secretKey();

    /** Exports go to the root of this bucket; unset, under {@code manta/} in {@link #bucket()}. */
    Optional<String> exportBucket();

    /** Path-style URLs (endpoint/bucket/key) work with every S3-compatible server; virtual-host style needs DNS per bucket. */
    @WithDefault("true")
    boolean pathStyle();
}
