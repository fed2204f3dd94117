package dev.imageservice.application.service;

import dev.imageservice.application.port.in.ExportImageCommand;
import dev.imageservice.application.port.in.ExportImageUseCase;
import dev.imageservice.application.port.in.MantaLocation;
import dev.imageservice.application.port.out.ExportStore;
import dev.imageservice.application.port.out.ImageFileStore;
import dev.imageservice.domain.access.ImageAccess;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.error.FieldError;
import dev.imageservice.domain.export.MantaPath;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImgapiManifest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Writes an image's file and manifest to a Manta path of the caller's. A directory receives
 * {@code NAME-VER.imgmanifest} and {@code NAME-VER.zfs.EXT}; any other path is used as a prefix.
 *
 * <p>Not transactional: the image is read in a short transaction of its own ({@link VisibleImages}),
 * and the bytes are copied after it ended, so a long copy holds no database connection or lock.
 * The file goes first and the manifest last, each written atomically by the store: a crash leaves
 * either nothing, the file alone, or both, never a manifest without its file.
 */
@Singleton
class ExportImageService implements ExportImageUseCase {

    private final VisibleImages visibleImages;
    private final ImageFileStore files;
    private final ExportStore exports;

    @Inject
    ExportImageService(VisibleImages visibleImages, ImageFileStore files, ExportStore exports) {
        this.visibleImages = visibleImages;
        this.files = files;
        this.exports = exports;
    }

    @Override
    public MantaLocation exportImage(ExportImageCommand command) {
        Image image = visibleImages.load(command.caller(), command.imageId());
        if (command.mantaPath() == null || command.mantaPath().isEmpty()) {
            throw new DomainException(ErrorCode.MISSING_PARAMETER, "manta_path is required");
        }
        ImageAccess.requireOwner(command.caller().id(), image);
        MantaPath path = MantaPath.parse(command.mantaPath()).requireOwnedBy(command.caller().login());
        if (image.file() == null || image.file().sha256() == null) {
            throw DomainException.validationFailed(FieldError.invalid("files",
                    "image " + image.id() + " has no file to export"));
        }
        MantaPath prefix = path.isArea() || exports.isDirectory(path)
                ? path.child(image.manifest().name().value() + "-" + image.manifest().version().value())
                : path;
        MantaPath imagePath = prefix.withSuffix(".zfs" + image.file().compression().extension());
        MantaPath manifestPath = prefix.withSuffix(".imgmanifest");
        if (exports.isDirectory(imagePath) || exports.isDirectory(manifestPath)) {
            // Checked for both before either is written, so a refused export changes nothing.
            throw new DomainException(ErrorCode.INVALID_ARGUMENT,
                    "manta_path " + prefix + " would replace a directory with an object");
        }
        try (InputStream content = files.open(image.file().sha256()).stream()) {
            exports.writeObject(imagePath, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        exports.writeManifest(manifestPath, ImgapiManifest.of(image));
        return new MantaLocation(exports.mantaUrl(), imagePath.value(), manifestPath.value());
    }
}
