package dev.imageservice.bootstrap.observe;

import dev.imageservice.application.port.out.ImageFileStore;
import dev.imageservice.bootstrap.observe.TransferCounters.Transfer;
import dev.imageservice.domain.image.Compression;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.io.InputStream;

/**
 * Counts the bytes of imports ({@link #store}) and creations ({@link #storeCompressed}) on whichever
 * file store serves them; every other call goes to the store untouched.
 */
@Decorator
@Priority(1)
public abstract class MeteredImageFileStore implements ImageFileStore {

    @Inject
    @Delegate
    @Any
    ImageFileStore store;

    @Inject
    TransferCounters counters;

    @Override
    public StoredContent store(InputStream content, ExpectedContent expected) {
        StoredContent stored = store.store(TransferCounters.counting(content, counters.read(Transfer.IMPORT)), expected);
        counters.written(Transfer.IMPORT).increment(stored.size());
        return stored;
    }

    @Override
    public StoredContent storeCompressed(ContentSource source, Compression compression) {
        StoredContent stored = store.storeCompressed(
                out -> source.writeTo(TransferCounters.counting(out, counters.read(Transfer.CREATION))), compression);
        counters.written(Transfer.CREATION).increment(stored.size());
        return stored;
    }
}
