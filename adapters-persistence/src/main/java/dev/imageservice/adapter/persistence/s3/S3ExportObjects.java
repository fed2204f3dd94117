package dev.imageservice.adapter.persistence.s3;

import dev.imageservice.adapter.persistence.export.ExportObjects;
import dev.imageservice.application.port.out.ExportStore.StoredObject;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Exported objects in an S3 bucket, keyed by Manta path. An export's key is known before its bytes,
 * so it streams straight to that key (one PUT, or a multipart upload for a large file), which S3 shows
 * only once complete. Directories are key prefixes, as in Manta's own listing.
 */
public class S3ExportObjects implements ExportObjects {

    /** Exports unfinished after this long were cut short by a crash (a multipart upload's age is its start). */
    private static final Duration LEFTOVER_AGE = Duration.ofHours(24);
    private static final String PROBE_PREFIX = ".probe/";

    private final S3Bucket bucket;

    /** @param bucket the export bucket, or the files bucket with the {@code manta/} prefix */
    public S3ExportObjects(S3Bucket bucket) {
        this.bucket = bucket;
    }

    @Override
    public boolean isDirectory(String key) {
        return bucket.anyUnder(key + "/");
    }

    @Override
    public boolean isObject(String key) {
        return bucket.exists(key);
    }

    @Override
    public void write(String key, Content content) throws IOException {
        S3Upload upload = bucket.upload(key, S3BlobStorage.PART_SIZE);
        try {
            content.writeTo(upload);
            upload.complete();
        } finally {
            upload.abort();
        }
    }

    @Override
    public Optional<StoredObject> open(String key) {
        ResponseInputStream<GetObjectResponse> object = bucket.open(key);
        return object == null ? Optional.empty()
                : Optional.of(new StoredObject(object, object.response().contentLength()));
    }

    /** The probe's key is no Manta path (those start with a login), so no export ever sees it. */
    @Override
    public void checkWritable() {
        bucket.probe(PROBE_PREFIX);
    }

    @Override
    public void sweep() {
        bucket.abortUploadsOlderThan("", LEFTOVER_AGE);
    }
}
