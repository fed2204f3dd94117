package dev.imageservice.application.service;

import static dev.imageservice.application.service.Fixtures.ALICE;
import static dev.imageservice.application.service.Fixtures.BOB;
import static dev.imageservice.application.service.Fixtures.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.application.port.in.ExportImageCommand;
import dev.imageservice.application.port.in.MantaLocation;
import dev.imageservice.application.port.out.ExportStore;
import dev.imageservice.application.port.out.ImageFileStore.ExpectedContent;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.export.MantaPath;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImgapiManifest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExportImageServiceTest {

    private final InMemoryImageRepository images = new InMemoryImageRepository();
    private final InMemoryImageFileStore files = new InMemoryImageFileStore();
    private final Exports exports = new Exports();
    private final ExportImageService service = new ExportImageService(new VisibleImages(images), files, exports);

    @Test
    void intoADirectoryTheFileAndThenItsManifestAreWrittenUnderNameAndVersion() {
        Image image = stored(image(ALICE).named("web").version("2.0").sharedWith(BOB).build(), "zfs stream");
        exports.directories.add("/alice/stor/images");

        MantaLocation location = service.exportImage(
                new ExportImageCommand(ALICE, image.id().toString(), "/alice/stor/images"));

        assertThat(location.imagePath()).isEqualTo("/alice/stor/images/web-2.0.zfs.xz");
        assertThat(location.manifestPath()).isEqualTo("/alice/stor/images/web-2.0.imgmanifest");
        assertThat(new String(exports.objects.get(location.imagePath()), StandardCharsets.UTF_8)).isEqualTo("zfs stream");
        ImgapiManifest written = exports.manifests.get(location.manifestPath());
        assertThat(written.id()).isEqualTo(image.id());
        assertThat(written.manifest().acl().accounts()).containsExactly(BOB.id());
        assertThat(written.file().sha1()).isEqualTo(image.file().sha1());
    }

    @Test
    void anyOtherPathIsAPrefix() {
        Image image = stored(image(ALICE).named("web").build(), "zfs stream");

        MantaLocation location = service.exportImage(
                new ExportImageCommand(ALICE, image.id().toString(), "/alice/stor/backup"));

        assertThat(location.imagePath()).isEqualTo("/alice/stor/backup.zfs.xz");
        assertThat(location.manifestPath()).isEqualTo("/alice/stor/backup.imgmanifest");
    }

    @Test
    void onlyTheOwnerExportsAndOnlyIntoTheirOwnArea() {
        Image shared = stored(image(BOB).named("shared").sharedWith(ALICE).build(), "bytes");
        assertCode(() -> service.exportImage(new ExportImageCommand(ALICE, shared.id().toString(), "/alice/stor/x")),
                ErrorCode.NOT_IMAGE_OWNER);

        Image own = stored(image(ALICE).named("own").build(), "own bytes");
        assertCode(() -> service.exportImage(new ExportImageCommand(ALICE, own.id().toString(), "/bob/stor/x")),
                ErrorCode.NOT_MANTA_PATH_OWNER);
        assertThat(exports.objects).isEmpty();
    }

    @Test
    void aPathThatWouldReplaceADirectoryChangesNothing() {
        Image image = stored(image(ALICE).named("web").build(), "zfs stream");
        exports.directories.add("/alice/stor/x.imgmanifest");

        assertCode(() -> service.exportImage(new ExportImageCommand(ALICE, image.id().toString(), "/alice/stor/x")),
                ErrorCode.INVALID_ARGUMENT);
        assertThat(exports.objects).isEmpty();
    }

    private Image stored(Image image, String text) {
        String sha256 = files.store(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), ExpectedContent.ANY)
                .sha256();
        files.attach(sha256);
        Image held = Image.restore(image.id(), image.owner(), image.manifest(), image.state(), null,
                image.file().withSha256(sha256), image.publishedAt(), 0);
        images.add(held);
        return held;
    }

    private static void assertCode(Runnable call, ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    /** Objects and manifests by path, and the paths that are directories. */
    private static final class Exports implements ExportStore {

        final Map<String, byte[]> objects = new HashMap<>();
        final Map<String, ImgapiManifest> manifests = new HashMap<>();
        final Set<String> directories = new HashSet<>();

        @Override
        public String mantaUrl() {
            return "http://manta.example";
        }

        @Override
        public void checkWritable() {
        }

        @Override
        public boolean isDirectory(MantaPath path) {
            return directories.contains(path.value());
        }

        @Override
        public void writeObject(MantaPath path, InputStream content) {
            try {
                objects.put(path.value(), content.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void writeManifest(MantaPath path, ImgapiManifest manifest) {
            manifests.put(path.value(), manifest);
        }

        @Override
        public Optional<StoredObject> open(MantaPath path) {
            return Optional.empty();
        }
    }
}
