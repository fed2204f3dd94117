package dev.imageservice.adapter.persistence.files;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The file store's worker pools: threads named for thread dumps, daemons so that they never hold the JVM up. */
final class DaemonThreads {

    private DaemonThreads() {
    }

    /** A fixed pool of {@code threads} threads named {@code prefix1}, {@code prefix2}, ... */
    static ExecutorService fixedPool(String prefix, int threads) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
