package dev.imageservice.application.service;

import dev.imageservice.application.port.in.ImportImageCommand;
import dev.imageservice.application.port.in.ImportImageUseCase;
import dev.imageservice.application.port.out.ImageFileStore;
import dev.imageservice.application.port.out.ImageFileStore.ExpectedContent;
import dev.imageservice.application.port.out.ImageFileStore.StoredContent;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.FieldError;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImgapiManifest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Imports a manifest and, optionally, its file. The manifest and the accounts and images it names
 * are checked before any byte is read; the file is streamed outside any transaction (it may be
 * large) and the image is written, holding its file, in one transaction afterwards.
 */
@Singleton
class ImportImageService implements ImportImageUseCase {

    private final ImportImageSteps steps;
    private final ImageFileStore files;

    @Inject
    ImportImageService(ImportImageSteps steps, ImageFileStore files) {
        this.steps = steps;
        this.files = files;
    }

    @Override
    public Image importImage(ImportImageCommand command) {
        ImgapiManifest imported = command.manifest();
        steps.check(imported);
        if (command.file() == null) {
            return steps.save(imported, null);
        }
        if (imported.file() == null) {
            throw DomainException.validationFailed(
                    FieldError.invalid("files", "the manifest has no files[0] to check the image file against"));
        }
        StoredContent stored = files.store(command.file(),
                new ExpectedContent(imported.file().sha1(), imported.file().size()));
        try {
            return steps.save(imported, stored);
        } catch (RuntimeException e) {
            files.letGo(stored.sha256());
            throw e;
        }
    }
}
