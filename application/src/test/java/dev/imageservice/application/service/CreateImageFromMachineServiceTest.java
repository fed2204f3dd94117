package dev.imageservice.application.service;

import static dev.imageservice.application.service.Fixtures.ALICE;
import static dev.imageservice.application.service.Fixtures.BOB;
import static dev.imageservice.application.service.Fixtures.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.application.port.in.CreateImageFromMachineCommand;
import dev.imageservice.application.port.in.CreatedImage;
import dev.imageservice.application.port.out.ImageCreationSettings;
import dev.imageservice.application.port.out.ImageJobs;
import dev.imageservice.application.port.out.Machines;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.error.FieldError;
import dev.imageservice.domain.image.Compression;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.job.ImageJob;
import dev.imageservice.domain.machine.Machine;
import dev.imageservice.domain.machine.MachineState;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CreateImageFromMachineServiceTest {

    private static final Instant NOW = Instant.parse("2025-05-05T05:05:05Z");

    private final InMemoryImageRepository images = new InMemoryImageRepository();
    private final StoredMachines machines = new StoredMachines();
    private final QueuedJobs jobs = new QueuedJobs();
    private final CreateImageFromMachineService service = new CreateImageFromMachineService(machines, images, jobs,
            new ImageCreationSettings(Compression.BZIP2, Duration.ofSeconds(30), 3, Duration.ofHours(6)),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aCreatingPlaceholderAndItsQueuedJobInheritingFromTheMachinesImage() {
        Image base = image(BOB).named("base").publicImage().storeIn(images);
        Machine machine = machines.of(ALICE, base.id());

        CreatedImage created = service.createImageFromMachine(command(ALICE, machine.id().toString(), "snap", "1.0",
                List.of(BOB.id().toString()), Map.of("role", "web")));

        Image placeholder = images.findById(created.image().id()).orElseThrow();
        assertThat(placeholder.state()).isEqualTo(ImageState.CREATING);
        assertThat(placeholder.owner()).isEqualTo(ALICE.id());
        assertThat(placeholder.manifest().name().value()).isEqualTo("snap");
        assertThat(placeholder.manifest().origin()).isEqualTo(base.id());
        assertThat(placeholder.manifest().os()).isEqualTo(base.manifest().os());
        assertThat(placeholder.manifest().type()).isEqualTo(base.manifest().type());
        assertThat(placeholder.manifest().acl().accounts()).containsExactly(BOB.id());
        assertThat(placeholder.manifest().tags().values()).containsEntry("role", "web");
        assertThat(placeholder.manifest().isPublic()).isFalse();
        ImageJob job = jobs.stored.get(created.jobId());
        assertThat(job.imageId()).isEqualTo(placeholder.id());
        assertThat(job.machineId()).isEqualTo(machine.id());
        assertThat(job.compression()).isEqualTo(Compression.BZIP2);
        assertThat(job.state()).isEqualTo(ImageJob.State.QUEUED);
    }

    @Test
    void machineNameAndVersionAreRequiredInThatOrder() {
        assertRefused(command(ALICE, null, null, null, null, null), ErrorCode.MISSING_PARAMETER, "machine");
        assertRefused(command(ALICE, "m", null, null, null, null), ErrorCode.MISSING_PARAMETER, "name");
        assertRefused(command(ALICE, "m", "n", "", null, null), ErrorCode.MISSING_PARAMETER, "version");
    }

    /** CloudAPI looks the machine up before the manifest is judged, so a foreign machine comes first. */
    @Test
    void anotherAccountsMachineIsInvalidParameterBeforeAnyFieldIsJudged() {
        Machine bobs = machines.of(BOB, null);

        assertRefused(command(ALICE, bobs.id().toString(), "bad name!", "1.0", "not-a-uuid", null),
                ErrorCode.INVALID_PARAMETER, "machine");
        assertRefused(command(ALICE, "not-a-uuid", "n", "1.0", null, null), ErrorCode.INVALID_PARAMETER, "machine");
        assertThat(images.size()).isZero();
    }

    @Test
    void everyBadFieldIsNamedInOneValidationFailedAndNothingIsStored() {
        Machine machine = machines.of(ALICE, null);

        DomainException refused = catchDomain(() -> service.createImageFromMachine(
                command(ALICE, machine.id().toString(), "bad name!", "1.0", "not-a-uuid", "not-an-object")));

        assertThat(refused.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(refused.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("name", "acl", "tags");
        assertThat(images.size()).isZero();
        assertThat(jobs.stored).isEmpty();
    }

    private static CreateImageFromMachineCommand command(Account caller, String machine, String name, String version,
                                                         Object acl, Object tags) {
        return new CreateImageFromMachineCommand(caller, machine, name, version, null, null, null, acl, tags);
    }

    private void assertRefused(CreateImageFromMachineCommand command, ErrorCode code, String named) {
        DomainException refused = catchDomain(() -> service.createImageFromMachine(command));
        assertThat(refused.code()).isEqualTo(code);
        assertThat(refused.getMessage()).contains(named);
    }

    private static DomainException catchDomain(Runnable call) {
        DomainException[] caught = new DomainException[1];
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainException.class, e -> caught[0] = e);
        return caught[0];
    }

    /** Machines by id; the disk and state operations belong to the job, not to this use case. */
    private static final class StoredMachines implements Machines {

        private final Map<UUID, Machine> stored = new HashMap<>();

        Machine of(Account owner, UUID image) {
            Machine machine = new Machine(UUID.randomUUID(), "vm", owner.id(), MachineState.RUNNING, "joyent", image,
                    "/disks/vm");
            add(machine);
            return machine;
        }

        @Override
        public Optional<Machine> findById(UUID id) {
            return Optional.ofNullable(stored.get(id));
        }

        @Override
        public List<Machine> list(UUID owner, String name, int limit, int offset) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long count(UUID owner, String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Machine> listAll() {
            return List.copyOf(stored.values());
        }

        @Override
        public void add(Machine machine) {
            stored.put(machine.id(), machine);
        }

        @Override
        public void setState(UUID machineId, MachineState state) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void writeDisk(Machine machine, OutputStream out) {
            throw new UnsupportedOperationException();
        }
    }

    /** Jobs as queued; claiming them is the worker's business. */
    private static final class QueuedJobs implements ImageJobs {

        final Map<UUID, ImageJob> stored = new HashMap<>();

        @Override
        public void add(ImageJob job) {
            stored.put(job.id(), job);
        }

        @Override
        public Optional<ImageJob> findById(UUID id) {
            return Optional.ofNullable(stored.get(id));
        }

        @Override
        public Optional<ImageJob> lock(UUID id) {
            return findById(id);
        }

        @Override
        public Optional<ImageJob> lockNextClaimable(Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void update(ImageJob job) {
            stored.put(job.id(), job);
        }

        @Override
        public List<ImageJob> unfinishedCreatedBefore(Instant cutoff) {
            throw new UnsupportedOperationException();
        }
    }
}
