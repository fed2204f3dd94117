package dev.imageservice.adapter.persistence.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Where image file bytes live (a local directory, an S3 bucket), addressed by SHA-256. It only moves
 * bytes: {@link ContentAddressedFileStore} decides when content becomes visible and when it goes, with
 * the reference counts in the database, the same for every place.
 */
public interface BlobStorage {

    /** Starts writing new content to a staging place no reader looks at. */
    Upload begin() throws IOException;

    /** Whether content is held under {@code sha256}. */
    boolean holds(String sha256);

    /** Streams content held under {@code sha256}; null when there is none. */
    InputStream open(String sha256) throws IOException;

    /** Removes content held under {@code sha256}, if any. */
    void delete(String sha256);

    /** Writes and removes a probe where uploads are staged; an UncheckedIOException names the place when it cannot. */
    void checkWritable();

    /** Removes what uploads that a crash cut short left in the staging place. */
    void sweepStaging();

    /** One upload in progress; closing it without {@link #publish} removes what it staged. */
    interface Upload extends AutoCloseable {

        /** Where the content is written; {@link #finish} closes it. */
        OutputStream sink();

        /** All content is written: it is made durable in the staging place. */
        void finish() throws IOException;

        /** Makes the finished content readable under {@code sha256}, replacing what is there (identical bytes). */
        void publish(String sha256) throws IOException;

        @Override
        void close();
    }
}
