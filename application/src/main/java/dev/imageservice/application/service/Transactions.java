package dev.imageservice.application.service;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Runs a write in a transaction of its own, and again after an optimistic-lock conflict: each
 * attempt reads the image afresh, so another request's committed change is seen and kept. A use
 * case whose write cannot be repeated safely throws a conflict again from its attempt, and the
 * client gets the ConflictError.
 */
@Singleton
class Transactions {

    /**
     * Enough for a handful of writers on one image: each conflict means another writer committed,
     * so a request loses at most once to each of them in a row.
     */
    static final int MAX_ATTEMPTS = 8;

    <T> T retryingConflicts(Supplier<T> attempt) {
        for (int attempts = 1; ; attempts++) {
            try {
                return inNewTransaction(attempt);
            } catch (DomainException e) {
                if (e.code() != ErrorCode.CONFLICT || attempts == MAX_ATTEMPTS) {
                    throw e;
                }
            }
            pause(attempts);
        }
    }

    /** Not private, so the transaction interceptor applies when the method calls itself. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    <T> T inNewTransaction(Supplier<T> work) {
        return work.get();
    }

    /** A short random pause, growing with the attempts, so that racing writers do not collide again in step. */
    private static void pause(int attempts) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 4L * attempts + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DomainException(ErrorCode.CONFLICT, "interrupted while retrying a conflicting write");
        }
    }
}
