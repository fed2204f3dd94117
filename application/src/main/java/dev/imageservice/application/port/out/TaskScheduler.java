package dev.imageservice.application.port.out;

import java.time.Duration;

/**
 * Runs a task repeatedly in the background, e.g. a job's heartbeat while its worker streams a disk.
 * The runtime owns the threads: they are named, started with the application and stopped with it.
 */
public interface TaskScheduler {

    /** Runs {@code task} every {@code period}, the first time one period from now, until the handle is closed. */
    Repeating every(Duration period, Runnable task);

    /** A repeating task; closing it stops further runs (one already under way finishes). */
    interface Repeating extends AutoCloseable {
        @Override
        void close();
    }
}
