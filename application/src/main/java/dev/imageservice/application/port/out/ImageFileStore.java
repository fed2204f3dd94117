package dev.imageservice.application.port.out;

import dev.imageservice.domain.image.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Image file bytes, addressed by their SHA-256 and shared by reference count: clones point at the
 * same content, and deleting one image never removes bytes another image still references. The
 * store also owns the way in: compressing and digesting (SHA-1, SHA-256, MD5) happen as the bytes
 * stream into it, so a use case never handles a codec or a digest.
 */
public interface ImageFileStore {

    /**
     * Streams a file that is already in its final form (an imported or copied image file) in,
     * digesting it on the way, and makes it readable under its SHA-256 only once it is complete
     * and matches {@code expected} (if given). Nothing partial is ever left behind. The content
     * comes back held for the caller, in the same step that makes it readable, so nothing removes
     * it before the caller either {@link #attach attaches} it to an image or {@link #letGo lets it go}.
     */
    StoredContent store(InputStream content, ExpectedContent expected);

    /**
     * Stores what {@code source} writes (a machine's raw disk), compressed with {@code compression}
     * on the way; the digests and size returned are the compressed file's. The raw bytes are never
     * held whole, in memory or on disk. When the source fails, nothing is kept and its IOException
     * comes back as an UncheckedIOException with the same message. Held for the caller, as by
     * {@link #store}.
     */
    StoredContent storeCompressed(ContentSource source, Compression compression);

    /**
     * Whether new content can be stored now (the readiness check): writes and removes a probe, and
     * throws an UncheckedIOException naming the place when it cannot.
     */
    void checkWritable();

    /**
     * Turns the caller's hold on content it stored into the reference of the image it commits, in
     * the caller's transaction (a rollback gives the hold back).
     */
    void attach(String sha256);

    /**
     * Gives up the caller's hold on content stored for an image that will never be committed (a
     * failed job or import), in a transaction of its own: the content is removed unless an image
     * references it or someone else holds it.
     */
    void letGo(String sha256);

    /**
     * One more image references content another image already references (a clone), in the caller's
     * transaction. The caller keeps that image from being deleted meanwhile ({@link
     * ImageRepository#findLocked}): content no image references may be gone.
     */
    void addReference(String sha256);

    /**
     * Drops one reference, in the caller's transaction; once that commits, content no image
     * references any more and nobody holds is removed.
     */
    void release(String sha256);

    /** Opens stored content for reading; ResourceNotFound when it is not held. */
    OpenedContent open(String sha256);

    /** Bytes pushed into the store by whoever has them, e.g. a machine writing its disk. */
    @FunctionalInterface
    interface ContentSource {
        void writeTo(OutputStream out) throws IOException;
    }

    /** What the store learned while writing the content. */
    record StoredContent(String sha1, String sha256, String md5Base64, long size) {
    }

    /** A readable stream of stored content; the caller closes it. */
    record OpenedContent(InputStream stream, long size, String md5Base64) {
    }

    /** Digest and size the content must have, e.g. from an imported manifest; null fields are not checked. */
    record ExpectedContent(String sha1, Long size) {
        public static final ExpectedContent ANY = new ExpectedContent(null, null);
    }
}
