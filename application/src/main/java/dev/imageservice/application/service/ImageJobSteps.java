package dev.imageservice.application.service;

import dev.imageservice.application.port.out.Accounts;
import dev.imageservice.application.port.out.ImageCreationSettings;
import dev.imageservice.application.port.out.ImageFileStore;
import dev.imageservice.application.port.out.ImageFileStore.StoredContent;
import dev.imageservice.application.port.out.ImageJobs;
import dev.imageservice.application.port.out.ImageRepository;
import dev.imageservice.application.port.out.Machines;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageError;
import dev.imageservice.domain.image.ImageFile;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.job.ImageJob;
import dev.imageservice.domain.machine.Machine;
import dev.imageservice.domain.machine.MachineState;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The transactional steps of an image job. The long part, streaming the disk, runs between
 * them outside any transaction.
 */
@Singleton
class ImageJobSteps {

    private final ImageJobs jobs;
    private final ImageRepository images;
    private final Machines machines;
    private final Accounts accounts;
    private final ImageFileStore files;
    private final ImageCreationSettings settings;
    private final Clock clock;

    @Inject
    ImageJobSteps(ImageJobs jobs, ImageRepository images, Machines machines, Accounts accounts,
                  ImageFileStore files, ImageCreationSettings settings, Clock clock) {
        this.jobs = jobs;
        this.images = images;
        this.machines = machines;
        this.accounts = accounts;
        this.files = files;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional
    public Optional<ImageJob> claim() {
        Instant now = clock.instant();
        return jobs.lockNextClaimable(now).map(job -> {
            job.claim(now, now.plus(settings.lease()));
            jobs.update(job);
            return job;
        });
    }

    /**
     * The machine to snapshot, or empty when there is nothing left to do (the image was deleted
     * or already finished). Refuses machines whose image cannot be the base of a custom image.
     */
    @Transactional
    public Optional<Machine> machineToSnapshot(ImageJob job) {
        Image image = images.findById(job.imageId()).orElse(null);
        if (image == null || image.state() != ImageState.CREATING) {
            change(job, stored -> stored.fail("image is gone or no longer creating", clock.instant()));
            return Optional.empty();
        }
        Machine machine = machines.findById(job.machineId())
                .orElseThrow(() -> new ImageJobFailure("InternalError", "machine " + job.machineId() + " is gone"));
        Image origin = machine.image() == null ? null : images.findById(machine.image()).orElse(null);
        if (origin == null) {
            throw new ImageJobFailure("VmHasNoOrigin", "origin image data could not be found for machine " + machine.id());
        }
        boolean operatorOrigin = accounts.findById(origin.owner()).map(Account::operator).orElse(false);
        if (!operatorOrigin) {
            throw new ImageJobFailure("NotSupported",
                    "creating an image from a machine based on a custom image is not supported");
        }
        return Optional.of(machine);
    }

    @Transactional
    public void setMachineState(ImageJob job, UUID machineId, MachineState state) {
        machines.setState(machineId, state);
        change(job, stored -> stored.machineStopped(state == MachineState.STOPPED, clock.instant()));
    }

    /** Jobs that should have finished by now: their placeholders expire. */
    @Transactional
    public List<ImageJob> unfinishedCreatedBefore(Instant cutoff) {
        return jobs.unfinishedCreatedBefore(cutoff);
    }

    /** Whether the job stopped its machine and has not started it again; read from the job's row. */
    @Transactional
    public boolean owesMachineStart(ImageJob job) {
        return jobs.findById(job.id()).map(ImageJob::machineStopped).orElse(false);
    }

    @Transactional
    public void heartbeat(ImageJob job, long progressBytes, long progressTotal) {
        Instant now = clock.instant();
        jobs.lock(job.id()).filter(stored -> stored.heartbeat(progressBytes, progressTotal, now, now.plus(settings.lease())))
                .ifPresent(jobs::update);
    }

    /** Activates the image with the new file the job holds, which the image now references. */
    @Transactional
    public Image succeed(ImageJob job, StoredContent stored) {
        Image image = images.findById(job.imageId())
                .orElseThrow(() -> new ImageJobFailure("InternalError", "image " + job.imageId() + " was deleted"));
        image.attachFile(new ImageFile(stored.sha1(), stored.size(), job.compression(), stored.sha256()));
        image.activate(clock.instant());
        files.attach(stored.sha256());
        images.update(image);
        change(job, running -> running.succeed(clock.instant()));
        return image;
    }

    /**
     * Fails the image (if it still waits) and the job; content the job stored and still holds
     * (null when none) is let go. Returns the failed image, or empty when the image had already
     * moved on.
     */
    @Transactional
    public Optional<Image> fail(ImageJob job, ImageError error, StoredContent held) {
        Optional<Image> failed = images.findById(job.imageId()).filter(image -> image.state() == ImageState.CREATING);
        failed.ifPresent(image -> {
            image.fail(error);
            images.update(image);
        });
        if (held != null) {
            files.letGo(held.sha256());
        }
        change(job, stored -> {
            // A job that ended meanwhile (an expiry racing its worker) keeps its end.
            if (!stored.state().isFinished()) {
                stored.fail(error.code() + ": " + error.message(), clock.instant());
            }
        });
        return failed;
    }

    /** Applies a transition to the job as stored, under its row lock. */
    private void change(ImageJob job, Consumer<ImageJob> transition) {
        jobs.lock(job.id()).ifPresent(stored -> {
            transition.accept(stored);
            jobs.update(stored);
        });
    }
}
