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
import dev.imageservice.domain.image.Image;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Writes an image's file and manifest to a Manta path of the caller's. A directory receives
 * {@code NAME-VER.imgmanifest} and {@code NAME-VER.zfs.EXT}; any other path is used as a prefix.
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
    @Transactional
    public MantaLocation exportImage(ExportImageCommand command) {
        Image image = visibleImages.load(command.caller(), command.imageId());
        if (command.mantaPath() == null || command.mantaPath().isEmpty()) {
            throw new DomainException(ErrorCode.MISSING_PARAMETER, "manta_path is required");
        }
        ImageAccess.requireOwner(command.caller().id(), image);
        String path = MantaPaths.ownedBy(command.caller().login(), command.mantaPath());
        if (image.file() == null || image.file().sha256() == null) {
            throw DomainException.validationFailed(FieldError.invalid("files",
                    "image " + image.id() + " has no file to export"));
        }
        String prefix = exports.isDirectory(path)
                ? path + "/" + image.manifest().name().value() + "-" + image.manifest().version().value()
                : path;
        String imagePath = prefix + ".zfs" + image.file().compression().extension();
        String manifestPath = prefix + ".imgmanifest";
        try (InputStream content = files.open(image.file().sha256()).stream()) {
            exports.writeObject(imagePath, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        exports.writeManifest(manifestPath, ImageManifests.toManifest(image));
        return new MantaLocation(exports.mantaUrl(), imagePath, manifestPath);
    }
}
