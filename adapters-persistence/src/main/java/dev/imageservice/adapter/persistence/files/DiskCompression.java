package dev.imageservice.adapter.persistence.files;

import dev.imageservice.domain.image.Compression;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/**
 * The compressor of each {@link Compression}: the one place that picks a codec, so a faster one
 * (a parallel gzip, say) replaces it here for every file store.
 */
final class DiskCompression {

    private DiskCompression() {
    }

    /** Wraps {@code out} so that what is written arrives compressed; closing it finishes the format and closes {@code out}. */
    static OutputStream compressing(Compression compression, OutputStream out) throws IOException {
        return switch (compression) {
            case GZIP -> new GzipCompressorOutputStream(out);
            case BZIP2 -> new BZip2CompressorOutputStream(out);
            case XZ -> new XZCompressorOutputStream(out);
            case NONE -> new FilterOutputStream(out) {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    out.write(bytes, offset, length);
                }
            };
        };
    }
}
