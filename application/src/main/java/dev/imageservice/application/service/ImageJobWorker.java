package dev.imageservice.application.service;

import dev.imageservice.application.port.in.RunImageJobsUseCase;
import dev.imageservice.application.port.out.ImageCreationSettings;
import dev.imageservice.application.port.out.ImageEvents;
import dev.imageservice.application.port.out.ImageFileStore;
import dev.imageservice.application.port.out.ImageFileStore.StoredContent;
import dev.imageservice.application.port.out.Machines;
import dev.imageservice.application.port.out.TaskScheduler;
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
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs image creation jobs. The machine's disk streams in one pass into the file store, which
 * compresses and digests it; meanwhile a heartbeat keeps the job's lease and records its progress.
 */
@Singleton
class ImageJobWorker implements RunImageJobsUseCase {

    private static final Logger LOG = Logger.getLogger(ImageJobWorker.class.getName());

    private final ImageJobSteps steps;
    private final Machines machines;
    private final ImageFileStore files;
    private final ImageCreationSettings settings;
    private final ImageEvents events;
    private final TaskScheduler scheduler;
    /** One snapshot per machine at a time, so two creates cannot stop and start it under each other. */
    private final Map<UUID, ReentrantLock> machineLocks = new ConcurrentHashMap<>();

    @Inject
    ImageJobWorker(ImageJobSteps steps, Machines machines, ImageFileStore files, ImageCreationSettings settings,
                   ImageEvents events, TaskScheduler scheduler) {
        this.steps = steps;
        this.machines = machines;
        this.files = files;
        this.settings = settings;
        this.events = events;
        this.scheduler = scheduler;
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
            if (job.hasExhaustedAttempts(settings.maxAttempts())) {
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
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "image job " + job.id() + " failed", e);
            steps.fail(job, new ImageError("InternalError", "image creation failed: " + e.getMessage()), stored)
                    .ifPresent(events::stateChanged);
        } finally {
            restartMachineIfOwed(job);
            lock.unlock();
        }
    }

    /** Stops a running machine for the snapshot; {@link #restartMachineIfOwed} starts it again, whatever happens. */
    private StoredContent snapshotStopped(ImageJob job, Machine machine) {
        if (machine.state() == MachineState.RUNNING) {
            steps.setMachineState(job, machine.id(), MachineState.STOPPED);
        }
        AtomicLong progress = new AtomicLong();
        Duration period = Duration.ofMillis(Math.max(1, settings.lease().toMillis() / 3));
        try (TaskScheduler.Repeating heartbeat = scheduler.every(period, () -> steps.heartbeat(job, progress.get()))) {
            return files.storeCompressed(out -> {
                try {
                    machines.writeDisk(machine, new Counting(out, progress));
                } catch (IOException e) {
                    throw new IOException("reading the machine's disk failed: " + e.getMessage(), e);
                }
            }, job.compression());
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
