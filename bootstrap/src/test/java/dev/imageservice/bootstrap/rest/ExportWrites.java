package dev.imageservice.bootstrap.rest;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts export writes made with a database transaction open ({@link TransactionAtExportWrite}). */
@ApplicationScoped
public class ExportWrites {

    private final AtomicInteger all = new AtomicInteger();
    private final AtomicInteger inTransaction = new AtomicInteger();

    void record(boolean transactionOpen) {
        all.incrementAndGet();
        if (transactionOpen) {
            inTransaction.incrementAndGet();
        }
    }

    public int all() {
        return all.get();
    }

    public int inTransaction() {
        return inTransaction.get();
    }
}
