package dev.imageservice.bootstrap.faults;

import dev.imageservice.application.port.out.ImageFileStore;
import dev.imageservice.domain.image.Compression;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.io.InputStream;

/**
 * The image file store on a disk that can fill up, for the tests: every byte going into the store
 * counts against {@link DiskSpace}, which never runs out unless a test says so. An import's bytes
 * fail as they are read into the store, a creation's as the machine writes them in.
 */
@Decorator
@Priority(2)
public abstract class FullDiskImageFileStore implements ImageFileStore {

    @Inject
    @Delegate
    @Any
    ImageFileStore store;

    @Inject
    DiskSpace space;

    @Override
    public StoredContent store(InputStream content, ExpectedContent expected) {
        return store.store(space.limit(content), expected);
    }

    @Override
    public StoredContent storeCompressed(ContentSource source, Compression compression) {
        return store.storeCompressed(out -> source.writeTo(space.limit(out)), compression);
    }
}
