package dev.imageservice.application.port.out;

import java.io.InputStream;

/**
 * Image file bytes, addressed by their SHA-256 and shared by reference count: clones point at the
 * same content, and deleting one image never removes bytes another image still references.
 */
public interface ImageFileStore {

    /**
     * Streams the content in, digesting it on the way, and makes it readable under its SHA-256
     * only once it is complete and matches {@code expected} (if given). Nothing partial is ever
     * left behind. The content holds no reference yet: see {@link #addReference}.
     */
    StoredContent store(InputStream content, ExpectedContent expected);

    /** Takes one reference to stored content, in the caller's transaction. */
    void addReference(String sha256);

    /**
     * Drops one reference, in the caller's transaction; once that commits, content no image
     * references any more is removed.
     */
    void release(String sha256);

    /**
     * Gives up content stored for an image that will never be committed (a failed job or import):
     * it is removed unless some image references it. Unlike {@link #release}, it never takes away
     * a reference, so content another image shares is safe.
     */
    void discard(String sha256);

    /** Opens stored content for reading; ResourceNotFound when it is not held. */
    OpenedContent open(String sha256);

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
