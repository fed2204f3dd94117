package dev.imageservice.bootstrap.jobs;

import dev.imageservice.adapter.persistence.TransactionEnd;
import dev.imageservice.application.port.out.ImageJobWakeup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Wakes a job worker once the transaction that queued a job has committed: woken earlier, it would
 * find nothing and wait for its next poll; a job that rolled back is not looked for at all.
 */
@Singleton
class WakeWorkerAfterCommit implements ImageJobWakeup {

    private final TransactionSynchronizationRegistry transactions;
    private final ImageJobDriver driver;

    @Inject
    WakeWorkerAfterCommit(TransactionSynchronizationRegistry transactions, ImageJobDriver driver) {
        this.transactions = transactions;
        this.driver = driver;
    }

    @Override
    public void jobQueued() {
        TransactionEnd.afterCommit(transactions, driver::wake);
    }
}
