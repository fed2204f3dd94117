package dev.imageservice.adapter.persistence;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.function.IntConsumer;

/**
 * Work that must wait for the current transaction to end: what it does is only true (a row gone, a
 * job queued) once the transaction has committed, or must be undone whichever way it ends.
 */
public final class TransactionEnd {

    private TransactionEnd() {
    }

    /** Runs {@code action} after the current transaction commits; after a rollback, not at all. */
    public static void afterCommit(TransactionSynchronizationRegistry transactions, Runnable action) {
        register(transactions, status -> {
            if (status == Status.STATUS_COMMITTED) {
                action.run();
            }
        });
    }

    /** Runs {@code action} after the current transaction ends, committed or rolled back. */
    public static void afterEither(TransactionSynchronizationRegistry transactions, Runnable action) {
        register(transactions, status -> action.run());
    }

    private static void register(TransactionSynchronizationRegistry transactions, IntConsumer onEnd) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                onEnd.accept(status);
            }
        });
    }
}
