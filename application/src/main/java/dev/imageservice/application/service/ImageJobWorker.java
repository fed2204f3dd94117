package dev.imageservice.application.service;

import dev.imageservice.application.port.in.RunImageJobsUseCase;
import dev.imageservice.application.port.out.ImageCreationSettings;
import dev.imageservice.application.port.out.ImageEvents;
import dev.imageservice.application.port.out.ImageFileStore;
import dev.imageservice.application.port.out.ImageFileStore.StoredContent;
import dev.imageservice.application.port.out.ImageJobMonitor;
import dev.imageservice.application.port.out.Machines;
import dev.imageservice.application.port.out.TaskScheduler;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageError;
import dev.imageservice.domain.job.ImageJob;
import dev.imageservice.domain.machine.Machine;
import dev.imageservice.domain.machine.MachineState;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs image creation jobs. The machine's disk streams in one pass into the file store, which
 * compresses and digests it; meanwhile a heartbeat keeps the job's lease and records its progress.
 */
@Singleton
class ImageJobWorker implements RunImageJobsUseCase {

    /** How often a running job records its progress (and renews its lease, if that is due sooner). */
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

    private final ImageJobSteps steps;
    private final Machines machines;
    private final ImageFileStore files;
    private final ImageCreationSettings settings;
    private final ImageEvents events;
    private final TaskScheduler scheduler;
    private final ImageJobMonitor monitor;
    /** One snapshot per machine at a time, so two creates cannot stop and start it under each other. */
    private final Map<UUID, ReentrantLock> machineLocks = new ConcurrentHashMap<>();

    @Inject
    ImageJobWorker(ImageJobSteps steps, Machines machines, ImageFileStore files, ImageCreationSettings settings,
                   ImageEvents events, TaskScheduler scheduler, ImageJobMonitor monitor) {
        this.steps = steps;
        this.machines = machines;
        this.files = files;
        this.settings = settings;
        this.events = events;
        this.scheduler = scheduler;
        this.monitor = monitor;
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
        long started = System.nanoTime();
        monitor.started(job);
        AtomicLong progress = new AtomicLong();
        StoredContent stored = null;
        // Content the job stored and has yet to attach to its image: let go if the job fails.
        StoredContent held = null;
        String error = null;
        try {
            if (job.hasExhaustedAttempts(settings.maxAttempts())) {
                throw new ImageJobFailure("InternalError",
                        "image creation was interrupted " + settings.maxAttempts() + " times; giving up");
            }
            Optional<Machine> machine = steps.machineToSnapshot(job);
            if (machine.isPresent()) {
                stored = snapshotStopped(job, machine.get(), progress);
                held = stored;
                Image active = steps.succeed(job, stored);
                held = null;
                events.stateChanged(active);
            } else {
                error = "the image is gone or no longer creating";
            }
        } catch (ImageJobFailure e) {
            error = e.error().code() + ": " + e.error().message();
            steps.fail(job, e.error(), held).ifPresent(events::stateChanged);
        } catch (RuntimeException e) {
            error = "InternalError: " + e;
            // The monitor logs the failure; the stack trace says where a server fault came from.
            monitor.crashed(job, e);
            steps.fail(job, new ImageError("InternalError", "image creation failed: " + e.getMessage()), held)
                    .ifPresent(events::stateChanged);
        } finally {
            restartMachineIfOwed(job);
            lock.unlock();
            monitor.finished(job, error, progress.get(), error == null && stored != null ? stored.size() : 0,
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** Stops a running machine for the snapshot; {@link #restartMachineIfOwed} starts it again, whatever happens. */
    private StoredContent snapshotStopped(ImageJob job, Machine machine, AtomicLong progress) {
        if (machine.state() == MachineState.RUNNING) {
            steps.setMachineState(job, machine.id(), MachineState.STOPPED);
        }
        long total = diskSize(machine);
        Runnable heartbeat = () -> {
            long done = progress.get();
            steps.heartbeat(job, done, total);
            monitor.progressed(job, done, total);
        };
        heartbeat.run();
        StoredContent stored;
        try (TaskScheduler.Repeating repeating = scheduler.every(heartbeatPeriod(), heartbeat)) {
            stored = files.storeCompressed(out -> {
                Counting target = new Counting(out, progress);
                try {
                    machines.writeDisk(machine, target);
                } catch (IOException e) {
                    // A write the store refused (its disk is full) is the store's failure, not the machine's.
                    throw new IOException((target.writeFailed ? "writing the image file failed: "
                            : "reading the machine's disk failed: ") + e.getMessage(), e);
                }
            }, job.compression());
        }
        // The disk is read whole: its exact size is now known, and stays on record with the job.
        steps.heartbeat(job, progress.get(), progress.get());
        return stored;
    }

    /** Progress once a second, and the lease renewed at least three times within it. */
    private Duration heartbeatPeriod() {
        Duration leaseThird = Duration.ofMillis(Math.max(1, settings.lease().toMillis() / 3));
        return leaseThird.compareTo(PROGRESS_INTERVAL) < 0 ? leaseThird : PROGRESS_INTERVAL;
    }

    private long diskSize(Machine machine) {
        try {
            return machines.diskSize(machine);
        } catch (IOException e) {
            throw new ImageJobFailure("InternalError", "reading the machine's disk failed: " + e.getMessage());
        }
    }

    /** A machine this job (or an interrupted earlier attempt of it) stopped is started again. */
    private void restartMachineIfOwed(ImageJob job) {
        if (steps.owesMachineStart(job)) {
            steps.setMachineState(job, job.machineId(), MachineState.RUNNING);
        }
    }

    /** Counts the uncompressed bytes of the disk, the job's progress. */
    private static final class Counting extends FilterOutputStream {
        private final AtomicLong count;
        private volatile boolean writeFailed;

        Counting(OutputStream out, AtomicLong count) {
            super(out);
            this.count = count;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                writeFailed = true;
                throw e;
            }
            count.addAndGet(length);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }
    }
}
