package dev.imageservice.application.service;

import dev.imageservice.application.port.in.RunImageJobsUseCase;
import dev.imageservice.application.port.out.ImageEvents;
import dev.imageservice.application.port.out.ImageFileStore;
import dev.imageservice.application.port.out.ImageFileStore.ExpectedContent;
import dev.imageservice.application.port.out.ImageFileStore.StoredContent;
import dev.imageservice.application.port.out.ImageJob;
import dev.imageservice.application.port.out.Machines;
import dev.imageservice.domain.image.Compression;
import dev.imageservice.domain.image.ImageError;
import dev.imageservice.domain.machine.Machine;
import dev.imageservice.domain.machine.MachineState;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs image creation jobs. The disk is streamed in one pass: a producer thread reads it and
 * compresses it into a pipe while this thread digests the compressed bytes into the file store,
 * so compression and digesting use both cores and no image is ever held in memory.
 */
@Singleton
class ImageJobWorker implements RunImageJobsUseCase {

    private static final Logger LOG = Logger.getLogger(ImageJobWorker.class.getName());
    private static final int PIPE_BUFFER = 1 << 20;

    private final ImageJobSteps steps;
    private final Machines machines;
    private final ImageFileStore files;
    private final ImageCreationSettings settings;
    private final ImageEvents events;
    /** One snapshot per machine at a time, so two creates cannot stop and start it under each other. */
    private final Map<UUID, ReentrantLock> machineLocks = new ConcurrentHashMap<>();
    private final ExecutorService compressors = Executors.newCachedThreadPool(daemon("image-compressor"));
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(daemon("image-job-heartbeat"));

    @Inject
    ImageJobWorker(ImageJobSteps steps, Machines machines, ImageFileStore files, ImageCreationSettings settings,
                   ImageEvents events) {
        this.steps = steps;
        this.machines = machines;
        this.files = files;
        this.settings = settings;
        this.events = events;
    }

    @Override
    public boolean runNextJob() {
        Optional<ImageJob> claimed = steps.claim();
        claimed.ifPresent(this::run);
        return claimed.isPresent();
    }

    private void run(ImageJob job) {
        ReentrantLock lock = machineLocks.computeIfAbsent(job.machineId(), id -> new ReentrantLock());
        lock.lock();
        StoredContent stored = null;
        try {
            if (job.attempts() > settings.maxAttempts()) {
                throw new ImageJobFailure("InternalError",
                        "image creation was interrupted " + settings.maxAttempts() + " times; giving up");
            }
            Optional<Machine> machine = steps.machineToSnapshot(job);
            if (machine.isPresent()) {
                stored = snapshotStopped(job, machine.get());
                events.stateChanged(steps.succeed(job, stored));
            }
        } catch (ImageJobFailure e) {
            steps.fail(job, e.error(), stored).ifPresent(events::stateChanged);
        } catch (RuntimeException | IOException e) {
            LOG.log(Level.WARNING, "image job " + job.id() + " failed", e);
            steps.fail(job, new ImageError("InternalError", "image creation failed: " + e.getMessage()), stored)
                    .ifPresent(events::stateChanged);
        } finally {
            restartMachineIfOwed(job);
            lock.unlock();
        }
    }

    /** Stops a running machine for the snapshot and starts it again afterwards, whatever happens. */
    private StoredContent snapshotStopped(ImageJob job, Machine machine) throws IOException {
        if (machine.state() == MachineState.RUNNING) {
            steps.setMachineState(job, machine.id(), MachineState.STOPPED);
        }
        AtomicLong progress = new AtomicLong();
        long period = Math.max(1, settings.lease().toMillis() / 3);
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(
                () -> steps.heartbeat(job, progress.get()), period, period, TimeUnit.MILLISECONDS);
        try {
            return snapshot(machine, Compression.of(job.compression()), progress);
        } finally {
            heartbeat.cancel(false);
        }
    }

    /** A machine this job (or an interrupted earlier attempt of it) stopped is started again. */
    private void restartMachineIfOwed(ImageJob job) {
        if (steps.owesMachineStart(job)) {
            steps.setMachineState(job, job.machineId(), MachineState.RUNNING);
        }
    }

    private StoredContent snapshot(Machine machine, Compression compression, AtomicLong progress) throws IOException {
        PipedInputStream compressed = new PipedInputStream(PIPE_BUFFER);
        PipedOutputStream producerEnd = new PipedOutputStream(compressed);
        Future<?> producer = compressors.submit(() -> {
            try (OutputStream out = new Counting(DiskCompression.compressing(compression, producerEnd), progress)) {
                machines.writeDisk(machine, out);
            }
            return null;
        });
        StoredContent stored;
        try (compressed) {
            stored = files.store(compressed, ExpectedContent.ANY);
        } catch (RuntimeException e) {
            producer.cancel(true);
            throw e;
        }
        try {
            producer.get();
            return stored;
        } catch (ExecutionException e) {
            // The pipe ended early because reading the disk failed: what was stored is incomplete.
            files.discard(stored.sha256());
            throw new IOException("reading the machine's disk failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            files.discard(stored.sha256());
            throw new IOException("interrupted while snapshotting", e);
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Counts the uncompressed bytes of the disk, the job's progress. */
    private static final class Counting extends FilterOutputStream {
        private final AtomicLong count;

        Counting(OutputStream out, AtomicLong count) {
            super(out);
            this.count = count;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count.addAndGet(length);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count.incrementAndGet();
        }
    }
}
