package dev.imageservice.application.service;

import dev.imageservice.application.port.in.ImportImageCommand;
import dev.imageservice.application.port.in.ImportImageUseCase;
import dev.imageservice.application.port.in.ImportResult;
import dev.imageservice.application.port.out.ImageFileStore;
import dev.imageservice.application.port.out.ImageFileStore.ExpectedContent;
import dev.imageservice.application.port.out.ImageFileStore.StoredContent;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.FieldError;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImgapiManifest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

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
        StoredContent stored;
        try (InputStream content = command.file().open()) {
            stored = files.store(content, new ExpectedContent(imported.file().sha1(), imported.file().size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return steps.save(imported, stored);
        } catch (RuntimeException e) {
            files.letGo(stored.sha256());
            throw e;
        }
    }

    @Override
    public List<ImportResult> importImages(List<ImportImageCommand> commands) {
        List<ImportResult> results = new ArrayList<>(commands.size());
        List<ImportImageCommand> manifestsOnly = new ArrayList<>();
        for (ImportImageCommand command : commands) {
            if (command.file() == null) {
                manifestsOnly.add(command);
            } else {
                results.addAll(saveTogether(manifestsOnly));
                manifestsOnly.clear();
                results.add(importOne(command));
            }
        }
        results.addAll(saveTogether(manifestsOnly));
        return results;
    }

    /** Manifests without a file in one transaction; when it fails, one at a time, each in its own. */
    private List<ImportResult> saveTogether(List<ImportImageCommand> commands) {
        if (commands.size() > 1) {
            try {
                return steps.saveAll(commands.stream().map(ImportImageCommand::manifest).toList()).stream()
                        .map(ImportResult::imported).toList();
            } catch (RuntimeException e) {
                // Which manifest failed, and whether the others can go in, only the one-at-a-time pass can tell.
            }
        }
        return commands.stream().map(this::importOne).toList();
    }

    private ImportResult importOne(ImportImageCommand command) {
        try {
            return ImportResult.imported(importImage(command));
        } catch (RuntimeException e) {
            return ImportResult.refused(e);
        }
    }
}
