package dev.imageservice.adapter.persistence.s3;

import dev.imageservice.adapter.persistence.files.BlobStorage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.UUID;

/**
 * Image files in an S3 bucket, named by SHA-256 ({@code files/sha256/ab/abcd...}).
 *
 * <p>Content streams to a staging key ({@code files/tmp/UUID}) and is copied, on the server, to its
 * SHA-256 key once its digests are known. A multipart upload cannot be completed under another key
 * than the one it was begun with, and the SHA-256 is known only at the end: staging and copying is
 * the only way to stream the bytes and still never show partial or unchecked content under a content
 * address. The staging object goes as soon as the copy is made, or the upload fails.
 */
public class S3BlobStorage implements BlobStorage {

    /** The part buffer, the most an upload holds in memory (S3 parts are 5 MiB to 5 GiB). */
    static final int PART_SIZE = 8 << 20;
    private static final String STAGING = "tmp/";
    /**
     * Staged uploads older than this are leftovers of a crash. Other instances' uploads in flight are
     * younger (a multipart upload's age is its start, so this bounds the longest image upload).
     */
    private static final Duration LEFTOVER_AGE = Duration.ofHours(24);

    private final S3Bucket bucket;

    /** @param bucket the bucket with the {@code files/} prefix */
    public S3BlobStorage(S3Bucket bucket) {
        this.bucket = bucket;
    }

    @Override
    public Upload begin() {
        String staged = STAGING + UUID.randomUUID();
        S3Upload upload = bucket.upload(staged, PART_SIZE);
        return new Upload() {
            private boolean completed;

            @Override
            public OutputStream sink() {
                return upload;
            }

            @Override
            public void finish() throws IOException {
                upload.complete();
                completed = true;
            }

            @Override
            public void publish(String sha256) {
                bucket.copy(staged, keyOf(sha256), upload.size());
            }

            @Override
            public void close() {
                if (!completed) {
                    upload.abort();
                    return;
                }
                try {
                    bucket.delete(staged);
                } catch (RuntimeException e) {
                    // Harmless: nothing reads staging keys, and the sweep removes it.
                }
            }
        };
    }

    @Override
    public boolean holds(String sha256) {
        return bucket.exists(keyOf(sha256));
    }

    @Override
    public InputStream open(String sha256) {
        return bucket.open(keyOf(sha256));
    }

    @Override
    public void delete(String sha256) {
        bucket.delete(keyOf(sha256));
    }

    /** The probe goes where uploads are staged, so a crash between its write and its removal leaves it to the sweep. */
    @Override
    public void checkWritable() {
        bucket.probe(STAGING);
    }

    @Override
    public void sweepStaging() {
        bucket.deleteOlderThan(STAGING, LEFTOVER_AGE);
        bucket.abortUploadsOlderThan(STAGING, LEFTOVER_AGE);
    }

    private static String keyOf(String sha256) {
        return "sha256/" + sha256.substring(0, 2) + "/" + sha256;
    }
}
