package dev.imageservice.application.service;

import dev.imageservice.application.port.out.ImageFileStore;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.FieldError;
import dev.imageservice.domain.image.Compression;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * An image file store in memory that counts references and holds; content neither referenced nor held
 * goes at once (no transactions here). It does not compress: {@link #storeCompressed} keeps the source's bytes as written, since codecs
 * are the real store's business and tested there.
 */
final class InMemoryImageFileStore implements ImageFileStore {

    private final Map<String, byte[]> contents = new HashMap<>();
    private final Map<String, Integer> references = new HashMap<>();
    private final Map<String, Integer> holders = new HashMap<>();

    @Override
    public StoredContent store(InputStream content, ExpectedContent expected) {
        try {
            byte[] bytes = content.readAllBytes();
            String sha1 = hex("SHA-1", bytes);
            // Checked as the real store does: content that does not match is never kept.
            if (expected.size() != null && expected.size() != bytes.length
                    || expected.sha1() != null && !expected.sha1().equals(sha1)) {
                throw DomainException.validationFailed(FieldError.invalid("files", "content does not match"));
            }
            String sha256 = hex("SHA-256", bytes);
            contents.put(sha256, bytes);
            holders.merge(sha256, 1, Integer::sum);
            return new StoredContent(sha1, sha256,
                    Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes)), bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void checkWritable() {
    }

    @Override
    public StoredContent storeCompressed(ContentSource source, Compression compression) {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        try {
            source.writeTo(written);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        return store(new ByteArrayInputStream(written.toByteArray()), ExpectedContent.ANY);
    }

    @Override
    public void attach(String sha256) {
        if (holders.getOrDefault(sha256, 0) == 0) {
            throw new IllegalStateException("no one holds " + sha256);
        }
        holders.merge(sha256, -1, Integer::sum);
        references.merge(sha256, 1, Integer::sum);
    }

    @Override
    public void letGo(String sha256) {
        holders.computeIfPresent(sha256, (key, count) -> Math.max(0, count - 1));
        removeIfUnused(sha256);
    }

    @Override
    public void addReference(String sha256) {
        if (!contents.containsKey(sha256)) {
            throw new IllegalStateException("no content " + sha256);
        }
        references.merge(sha256, 1, Integer::sum);
    }

    @Override
    public void release(String sha256) {
        references.computeIfPresent(sha256, (key, count) -> Math.max(0, count - 1));
        removeIfUnused(sha256);
    }

    private void removeIfUnused(String sha256) {
        if (references.getOrDefault(sha256, 0) == 0 && holders.getOrDefault(sha256, 0) == 0) {
            contents.remove(sha256);
            references.remove(sha256);
            holders.remove(sha256);
        }
    }

    @Override
    public OpenedContent open(String sha256) {
        byte[] bytes = contents.get(sha256);
        if (bytes == null) {
            throw DomainException.notFound("image file " + sha256 + " not found");
        }
        return new OpenedContent(new ByteArrayInputStream(bytes), bytes.length, null);
    }

    boolean hasContent(String sha256) {
        return contents.containsKey(sha256);
    }

    int referencesOf(String sha256) {
        return references.getOrDefault(sha256, 0);
    }

    /** Storers holding the content for an image yet to be committed. */
    int holdersOf(String sha256) {
        return holders.getOrDefault(sha256, 0);
    }

    /** The SHA-256 the store keeps {@code bytes} under. */
    static String addressOf(byte[] bytes) {
        try {
            return hex("SHA-256", bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(String algorithm, byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }
}
