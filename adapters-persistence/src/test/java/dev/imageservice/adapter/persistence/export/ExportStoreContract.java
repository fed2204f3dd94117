package dev.imageservice.adapter.persistence.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.application.port.out.ExportStore;
import dev.imageservice.application.port.out.ExportStore.StoredObject;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.export.MantaPath;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every export store keeps to, whichever place holds the objects. */
public abstract class ExportStoreContract {

    @Inject
    protected ExportStore exports;

    /** Writes begun and not finished (staged files, multipart uploads in flight). */
    protected abstract long unfinishedWrites() throws IOException;

    @Test
    void anObjectIsReadableWhereItWasWrittenAndItsParentsAreDirectories() throws Exception {
        String folder = "/alice/stor/" + UUID.randomUUID();
        byte[] bytes = random(3 << 20);

        exports.writeObject(MantaPath.parse(folder + "/sub/image.zfs.gz"), new ByteArrayInputStream(bytes));

        assertThat(read(folder + "/sub/image.zfs.gz")).isEqualTo(bytes);
        assertThat(exports.open(MantaPath.parse(folder + "/sub/image.zfs.gz")).orElseThrow().size()).isEqualTo(bytes.length);
        assertThat(exports.isDirectory(MantaPath.parse(folder))).isTrue();
        assertThat(exports.isDirectory(MantaPath.parse(folder + "/sub"))).isTrue();
        assertThat(exports.isDirectory(MantaPath.parse(folder + "/sub/image.zfs.gz"))).isFalse();
        assertThat(exports.isDirectory(MantaPath.parse("/alice/public"))).isTrue();
        assertThat(exports.open(MantaPath.parse(folder))).isEmpty();
        assertThat(exports.open(MantaPath.parse(folder + "/missing"))).isEmpty();
    }

    @Test
    void anObjectNeverStandsWhereADirectoryIsOrBelowAnObject() {
        String folder = "/alice/stor/" + UUID.randomUUID();
        exports.writeObject(MantaPath.parse(folder + "/dir/object"), new ByteArrayInputStream(new byte[] {1}));

        assertThatThrownBy(() -> exports.writeObject(MantaPath.parse(folder + "/dir"), new ByteArrayInputStream(new byte[] {2})))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThatThrownBy(() -> exports.writeObject(MantaPath.parse(folder + "/dir/object/below"),
                new ByteArrayInputStream(new byte[] {3})))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }

    @Test
    void rewritingAnObjectReplacesIt() throws Exception {
        String path = "/alice/stor/" + UUID.randomUUID() + ".imgmanifest";
        exports.writeObject(MantaPath.parse(path), new ByteArrayInputStream("old".getBytes(StandardCharsets.UTF_8)));
        exports.writeObject(MantaPath.parse(path), new ByteArrayInputStream("new".getBytes(StandardCharsets.UTF_8)));

        assertThat(read(path)).asString(StandardCharsets.UTF_8).isEqualTo("new");
    }

    /** Past several parts of an object store's upload before it breaks: nothing is left under any name. */
    @Test
    void aWriteThatBreaksMidwayLeavesNothing() throws Exception {
        String folder = "/alice/stor/" + UUID.randomUUID();
        InputStream breaking = new SequenceInputStream(new ByteArrayInputStream(random(20 << 20)), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("the image file went away");
            }
        });

        assertThatThrownBy(() -> exports.writeObject(MantaPath.parse(folder + "/image.zfs.gz"), breaking))
                .isInstanceOf(UncheckedIOException.class);

        assertThat(exports.open(MantaPath.parse(folder + "/image.zfs.gz"))).isEmpty();
        assertThat(unfinishedWrites()).isZero();
    }

    private byte[] read(String path) throws IOException {
        StoredObject object = exports.open(MantaPath.parse(path)).orElseThrow();
        try (InputStream in = object.stream()) {
            return in.readAllBytes();
        }
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random().nextBytes(bytes);
        return bytes;
    }
}
