package dev.imageservice.application.service;

import dev.imageservice.domain.image.Compression;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/** Wraps a stream so that what is written to it arrives compressed. */
final class DiskCompression {

    private DiskCompression() {
    }

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
