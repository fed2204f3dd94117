package dev.imageservice.adapter.persistence.s3;

import java.io.UncheckedIOException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import org.jboss.logging.Logger;
import java.util.ArrayList;
import java.util.List;

/**
 * One bucket, or a key prefix of one, as the stores use it: every key given here is relative to the
 * prefix. Failures come back as UncheckedIOException naming the bucket and key.
 */
public class S3Bucket {

    private static final Logger LOG = Logger.getLogger(S3Bucket.class);
    /** A single CopyObject copies at most 5 GiB; larger objects are copied in parts of this size. */
    static final long COPY_PART = 1L << 30;
    private static final long COPY_LIMIT = 5L << 30;

    final S3Client client;
    final String bucket;
    private final String prefix;
    private final long copyLimit;

    public S3Bucket(S3Client client, String bucket, String prefix) {
        this(client, bucket, prefix, COPY_LIMIT);
    }

    /** @param copyLimit objects larger than this are copied in parts (tests lower it to exercise that path) */
    S3Bucket(S3Client client, String bucket, String prefix, long copyLimit) {
        this.client = client;
        this.bucket = bucket;
        this.prefix = prefix;
        this.copyLimit = copyLimit;
    }

    String bucket() {
        return bucket;
    }

    String key(String relative) {
        return prefix + relative;
    }

    /** An upload of new content to {@code relative}, visible there only once {@link S3Upload#complete()}d. */
    S3Upload upload(String relative, int partSize) {
        return new S3Upload(client, bucket, key(relative), partSize);
    }

    boolean exists(String relative) {
        try {
            client.headObject(b -> b.bucket(bucket).key(key(relative)));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw failure("reading", relative, e);
        } catch (SdkException e) {
            throw failure("reading", relative, e);
        }
    }

    /** Whether any object's key starts with {@code relative}. */
    boolean anyUnder(String relative) {
        try {
            return client.listObjectsV2(b -> b.bucket(bucket).prefix(key(relative)).maxKeys(1)).keyCount() > 0;
        } catch (SdkException e) {
            throw failure("listing", relative, e);
        }
    }

    /** The object's bytes and size as they stream from the store; null when there is none. */
    ResponseInputStream<GetObjectResponse> open(String relative) {
        try {
            return client.getObject(b -> b.bucket(bucket).key(key(relative)));
        } catch (NoSuchKeyException e) {
            return null;
        } catch (SdkException e) {
            throw failure("reading", relative, e);
        }
    }

    void put(String relative, byte[] content) {
        try {
            client.putObject(b -> b.bucket(bucket).key(key(relative)), RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw failure("writing", relative, e);
        }
    }

    void delete(String relative) {
        try {
            client.deleteObject(b -> b.bucket(bucket).key(key(relative)));
        } catch (SdkException e) {
            throw failure("deleting", relative, e);
        }
    }

    /** Copies inside the bucket, on the server; an object over CopyObject's 5 GiB limit is copied in parts. */
    void copy(String from, String to, long size) {
        try {
            if (size <= copyLimit) {
                client.copyObject(b -> b.sourceBucket(bucket).sourceKey(key(from)).destinationBucket(bucket)
                        .destinationKey(key(to)));
                return;
            }
            String uploadId = client.createMultipartUpload(b -> b.bucket(bucket).key(key(to))).uploadId();
            try {
                List<CompletedPart> parts = new ArrayList<>();
                for (long start = 0; start < size; start += COPY_PART) {
                    int number = parts.size() + 1;
                    String range = "bytes=" + start + "-" + (Math.min(start + COPY_PART, size) - 1);
                    String etag = client.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey(key(from))
                            .destinationBucket(bucket).destinationKey(key(to)).uploadId(uploadId)
                            .partNumber(number).copySourceRange(range)).copyPartResult().eTag();
                    parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                }
                client.completeMultipartUpload(b -> b.bucket(bucket).key(key(to)).uploadId(uploadId)
                        .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
            } catch (RuntimeException e) {
                client.abortMultipartUpload(b -> b.bucket(bucket).key(key(to)).uploadId(uploadId));
                throw e;
            }
        } catch (SdkException e) {
            throw failure("copying " + from + " to", to, e);
        }
    }

    /** Writes and removes a probe object under {@code relative}; says which bucket refused. */
    void probe(String relative) {
        String probe = relative + "probe-" + UUID.randomUUID();
        put(probe, new byte[0]);
        delete(probe);
    }

    /** Removes the objects under {@code relative} older than {@code age}: younger ones may be in use. */
    void deleteOlderThan(String relative, Duration age) {
        Instant cutoff = Instant.now().minus(age);
        try {
            for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(key(relative))).contents()) {
                if (object.lastModified().isBefore(cutoff)) {
                    client.deleteObject(b -> b.bucket(bucket).key(object.key()));
                }
            }
        } catch (SdkException e) {
            LOG.warnf("could not clean s3://%s/%s: %s", bucket, key(relative), e.getMessage());
        }
    }

    /**
     * Aborts the multipart uploads under {@code relative} begun more than {@code age} ago, which a crash
     * cut short: younger ones may be another instance's uploads in flight.
     */
    void abortUploadsOlderThan(String relative, Duration age) {
        Instant cutoff = Instant.now().minus(age);
        try {
            for (MultipartUpload upload : client.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(key(relative))).uploads()) {
                if (upload.initiated().isBefore(cutoff)) {
                    client.abortMultipartUpload(b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
                }
            }
        } catch (SdkException e) {
            LOG.warnf("could not clean s3://%s/%s: %s", bucket, key(relative), e.getMessage());
        }
    }

    private UncheckedIOException failure(String what, String relative, Exception e) {
        String message = what + " s3://" + bucket + "/" + key(relative) + " failed: " + e.getMessage();
        return new UncheckedIOException(message, new IOException(message, e));
    }
}
