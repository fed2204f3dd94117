package dev.imageservice.application.service;

import dev.imageservice.application.port.in.CreateImageFromMachineCommand;
import dev.imageservice.application.port.in.CreateImageFromMachineUseCase;
import dev.imageservice.application.port.in.CreatedImage;
import dev.imageservice.application.port.out.ImageCreationSettings;
import dev.imageservice.application.port.out.ImageJobWakeup;
import dev.imageservice.application.port.out.ImageJobs;
import dev.imageservice.application.port.out.ImageRepository;
import dev.imageservice.application.port.out.Machines;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.error.FieldErrors;
import dev.imageservice.domain.image.Acl;
import dev.imageservice.domain.image.Description;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageName;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.image.ImageVersion;
import dev.imageservice.domain.image.Manifest;
import dev.imageservice.domain.image.Tags;
import dev.imageservice.domain.image.Uuids;
import dev.imageservice.domain.image.WebAddress;
import dev.imageservice.domain.job.ImageJob;
import dev.imageservice.domain.machine.Machine;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Creates the placeholder image and queues the job that snapshots the machine, in one
 * transaction: either both exist or neither.
 */
@Singleton
class CreateImageFromMachineService implements CreateImageFromMachineUseCase {

    private final Machines machines;
    private final ImageRepository images;
    private final ImageJobs jobs;
    private final ImageJobWakeup wakeup;
    private final ImageCreationSettings settings;
    private final Clock clock;

    @Inject
    CreateImageFromMachineService(Machines machines, ImageRepository images, ImageJobs jobs,
                                  ImageJobWakeup wakeup, ImageCreationSettings settings, Clock clock) {
        this.machines = machines;
        this.images = images;
        this.jobs = jobs;
        this.wakeup = wakeup;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    @Transactional
    public CreatedImage createImageFromMachine(CreateImageFromMachineCommand command) {
        requirePresent("machine", command.machine());
        requirePresent("name", command.name());
        requirePresent("version", command.version());
        Machine machine = callersMachine(command);
        Image image = Image.create(UUID.randomUUID(), command.caller().id(), placeholderManifest(command, machine),
                ImageState.CREATING);
        images.add(image);
        ImageJob job = ImageJob.queued(UUID.randomUUID(), image.id(), machine.id(),
                settings.compression(), clock.instant());
        jobs.add(job);
        wakeup.jobQueued();
        return new CreatedImage(image, job.id());
    }

    private Machine callersMachine(CreateImageFromMachineCommand command) {
        UUID id = Uuids.parse(command.machine());
        return Optional.ofNullable(id).flatMap(machines::findById).filter(m -> m.isOwnedBy(command.caller().id()))
                .orElseThrow(() -> new DomainException(ErrorCode.INVALID_PARAMETER,
                        "machine " + command.machine() + " is not one of your machines"));
    }

    /** The caller's fields, plus os, type and requirements inherited from the machine's image. */
    private Manifest placeholderManifest(CreateImageFromMachineCommand command, Machine machine) {
        FieldErrors errors = new FieldErrors();
        ImageName name = errors.attempt(() -> ImageName.of(command.name()));
        ImageVersion version = errors.attempt(() -> ImageVersion.of(command.version()));
        Description description = command.description() == null ? null
                : errors.attempt(() -> Description.of(command.description()));
        WebAddress homepage = command.homepage() == null ? null
                : errors.attempt(() -> new WebAddress("homepage", command.homepage()));
        WebAddress eula = command.eula() == null ? null
                : errors.attempt(() -> new WebAddress("eula", command.eula()));
        Acl acl = errors.attempt(() -> Acl.of(command.acl()));
        Tags tags = errors.attempt(() -> Tags.of(command.tags()));
        errors.throwIfAny();
        Manifest origin = machine.image() == null ? null
                : images.findById(machine.image()).map(Image::manifest).orElse(null);
        return new Manifest(name, version, description, homepage, eula,
                origin == null ? null : origin.os(),
                origin == null ? null : origin.type(),
                origin == null ? null : origin.requirements(),
                tags, acl, false,
                origin == null ? null : machine.image());
    }

    private static void requirePresent(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new DomainException(ErrorCode.MISSING_PARAMETER, field + " is required");
        }
    }
}
