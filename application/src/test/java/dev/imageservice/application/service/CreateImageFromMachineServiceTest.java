package dev.imageservice.application.service;

import static dev.imageservice.application.service.Fixtures.ALICE;
import static dev.imageservice.application.service.Fixtures.BOB;
import static dev.imageservice.application.service.Fixtures.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.application.port.in.CreateImageFromMachineCommand;
import dev.imageservice.application.port.in.CreatedImage;
import dev.imageservice.application.port.out.ImageCreationSettings;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CreateImageFromMachineServiceTest {

    private static final Instant NOW = Instant.parse("2025-05-05T05:05:05Z");

    private final InMemoryImageRepository images = new InMemoryImageRepository();
    private final InMemoryMachines machines = new InMemoryMachines();
    private final InMemoryImageJobs jobs = new InMemoryImageJobs();
    private final AtomicInteger wakeups = new AtomicInteger();
    private final CreateImageFromMachineService service = new CreateImageFromMachineService(machines, images, jobs,
            wakeups::incrementAndGet,
            new ImageCreationSettings(Compression.BZIP2, Duration.ofSeconds(30), 3, Duration.ofHours(6)),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aCreatingPlaceholderAndItsQueuedJobInheritingFromTheMachinesImage() {
        Image base = image(BOB).named("base").publicImage().storeIn(images);
        Machine machine = machines.of(ALICE, base.id(), MachineState.RUNNING, "disk");

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
        ImageJob job = jobs.findById(created.jobId()).orElseThrow();
        assertThat(job.imageId()).isEqualTo(placeholder.id());
        assertThat(job.machineId()).isEqualTo(machine.id());
        assertThat(job.compression()).isEqualTo(Compression.BZIP2);
        assertThat(job.state()).isEqualTo(ImageJob.State.QUEUED);
        assertThat(wakeups).as("workers told of the queued job").hasValue(1);
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
        Machine bobs = machines.of(BOB, null, MachineState.RUNNING, "disk");

        assertRefused(command(ALICE, bobs.id().toString(), "bad name!", "1.0", "not-a-uuid", null),
                ErrorCode.INVALID_PARAMETER, "machine");
        assertRefused(command(ALICE, "not-a-uuid", "n", "1.0", null, null), ErrorCode.INVALID_PARAMETER, "machine");
        assertThat(images.size()).isZero();
    }

    @Test
    void everyBadFieldIsNamedInOneValidationFailedAndNothingIsStored() {
        Machine machine = machines.of(ALICE, null, MachineState.RUNNING, "disk");

        DomainException refused = catchDomain(() -> service.createImageFromMachine(
                command(ALICE, machine.id().toString(), "bad name!", "1.0", "not-a-uuid", "not-an-object")));

        assertThat(refused.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(refused.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("name", "acl", "tags");
        assertThat(images.size()).isZero();
        assertThat(jobs.isEmpty()).isTrue();
    }

    private static CreateImageFromMachineCommand command(Account caller, String machine, String name, String version,
                                                         Object acl, Object tags) {
        return new CreateImageFromMachineCommand(caller, machine, name, version, null, null, null, acl, tags);
    }

    private void assertRefused(CreateImageFromMachineCommand command, ErrorCode code, String named) {
        DomainException refused = catchDomain(() -> service.createImageFromMachine(command));
        assertThat(refused.code()).isEqualTo(code);
        assertThat(refused.getMessage()).contains(named);
        assertThat(wakeups).as("workers told of a job never queued").hasValue(0);
    }

    private static DomainException catchDomain(Runnable call) {
        DomainException[] caught = new DomainException[1];
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainException.class, e -> caught[0] = e);
        return caught[0];
    }
}
