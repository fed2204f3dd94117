package dev.imageservice.adapter.persistence.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import org.jboss.logging.Logger;

/**
 * Streams bytes to one object as they are written, holding at most one part in memory: content that
 * fits in one part is sent with a single PUT when complete, anything larger as a multipart upload
 * begun when the first part fills. The object appears only on {@link #complete()}; {@link #abort()}
 * (or a crash) leaves no object, and an upload a crash left unfinished is aborted by the stores' sweep.
 */
final class S3Upload extends OutputStream {

    private static final Logger LOG = Logger.getLogger(S3Upload.class);

    private final S3Client client;
    private final String bucket;
    private final String key;
    private final byte[] part;
    private final List<CompletedPart> parts = new ArrayList<>();
    private int filled;
    private long size;
    private String uploadId;
    private boolean done;

    S3Upload(S3Client client, String bucket, String key, int partSize) {
        this.client = client;
        this.bucket = bucket;
        this.key = key;
        this.part = new byte[partSize];
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        requireOpen();
        while (length > 0) {
            int taken = Math.min(length, part.length - filled);
            System.arraycopy(bytes, offset, part, filled, taken);
            filled += taken;
            size += taken;
            offset += taken;
            length -= taken;
            if (filled == part.length) {
                sendPart();
            }
        }
    }

    /** Sends what is left and makes the object visible under its key. */
    void complete() throws IOException {
        requireOpen();
        try {
            if (uploadId == null) {
                client.putObject(b -> b.bucket(bucket).key(key), body());
            } else {
                if (filled > 0) {
                    sendPart();
                }
                client.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                        .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
            }
            done = true;
        } catch (SdkException e) {
            throw new IOException("writing s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
        }
    }

    /** Gives the upload up: the store drops the parts sent so far. Quiet, as it runs after a failure. */
    void abort() {
        if (done) {
            return;
        }
        done = true;
        if (uploadId != null) {
            try {
                client.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            } catch (SdkException e) {
                LOG.warnf("could not abort the upload of s3://%s/%s (the sweep will): %s", bucket, key, e.getMessage());
            }
        }
    }

    /** The bytes written so far. */
    long size() {
        return size;
    }

    private void sendPart() throws IOException {
        try {
            if (uploadId == null) {
                uploadId = client.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
            }
            int number = parts.size() + 1;
            String etag = client.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                    body()).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            filled = 0;
        } catch (SdkException e) {
            throw new IOException("writing s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
        }
    }

    /** The part buffer as a body the SDK can read again (signing, retries) without copying it. */
    private RequestBody body() {
        int length = filled;
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(part, 0, length), length,
                "application/octet-stream");
    }

    private void requireOpen() throws IOException {
        if (done) {
            throw new IOException("the upload of s3://" + bucket + "/" + key + " is over");
        }
    }
}
