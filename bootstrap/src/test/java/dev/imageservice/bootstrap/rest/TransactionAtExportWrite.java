package dev.imageservice.bootstrap.rest;

import dev.imageservice.application.port.out.ExportStore;
import dev.imageservice.domain.export.MantaPath;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.io.InputStream;

/**
 * Notes, for the tests, whether a database transaction was open while an export's bytes were
 * written to the export store ({@link ExportWrites}); the write itself goes on unchanged.
 */
@Decorator
@Priority(2)
public abstract class TransactionAtExportWrite implements ExportStore {

    @Inject
    @Delegate
    @Any
    ExportStore store;

    @Inject
    ExportWrites writes;

    @Override
    public void writeObject(MantaPath path, InputStream content) {
        writes.record(QuarkusTransaction.isActive());
        store.writeObject(path, content);
    }
}
