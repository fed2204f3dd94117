package dev.imageservice.bootstrap.observe;

import dev.imageservice.application.port.out.ExportStore;
import dev.imageservice.bootstrap.observe.TransferCounters.Transfer;
import dev.imageservice.domain.export.MantaPath;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.io.InputStream;

/** Counts the bytes of exported image files on whichever export store serves them. */
@Decorator
@Priority(1)
public abstract class MeteredExportStore implements ExportStore {

    @Inject
    @Delegate
    @Any
    ExportStore store;

    @Inject
    TransferCounters counters;

    /** An exported file is copied as it is stored: each byte read is a byte written. */
    @Override
    public void writeObject(MantaPath path, InputStream content) {
        store.writeObject(path, TransferCounters.counting(content, counters.read(Transfer.EXPORT),
                counters.written(Transfer.EXPORT)));
    }
}
