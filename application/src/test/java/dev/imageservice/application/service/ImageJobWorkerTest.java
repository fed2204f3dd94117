package dev.imageservice.application.service;

import static dev.imageservice.application.service.Fixtures.ALICE;
import static dev.imageservice.application.service.Fixtures.BOB;
import static dev.imageservice.application.service.Fixtures.CREATED;
import static dev.imageservice.application.service.Fixtures.image;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.application.port.in.CreateImageFromMachineCommand;
import dev.imageservice.application.port.out.ImageCreationSettings;
import dev.imageservice.application.port.out.ImageJobMonitor;
import dev.imageservice.application.port.out.TaskScheduler;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.image.Compression;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.job.ImageJob;
import dev.imageservice.domain.machine.Machine;
import dev.imageservice.domain.machine.MachineState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ImageJobWorkerTest {

    private static final Instant NOW = Instant.parse("2025-05-05T05:05:05Z");
    private static final Account OPERATOR = new Account(UUID.fromString("0be7a700-0000-4000-8000-000000000003"),
            "admin", "admin@example.com", true, false, CREATED, CREATED);
    private static final ImageCreationSettings SETTINGS =
            new ImageCreationSettings(Compression.GZIP, Duration.ofSeconds(30), 3, Duration.ofHours(6));
    /** The heartbeat is the runtime's thread; here it never fires. */
    private static final TaskScheduler NO_HEARTBEAT = (period, task) -> () -> { };

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryAccounts accounts = new InMemoryAccounts();
    private final InMemoryImageRepository images = new InMemoryImageRepository();
    private final InMemoryImageFileStore files = new InMemoryImageFileStore();
    private final InMemoryMachines machines = new InMemoryMachines();
    private final InMemoryImageJobs jobs = new InMemoryImageJobs();
    private final List<Image> announced = new ArrayList<>();
    private final CreateImageFromMachineService create =
            new CreateImageFromMachineService(machines, images, jobs, () -> { }, SETTINGS, clock);
    private final ImageJobWorker worker = new ImageJobWorker(
            new ImageJobSteps(jobs, images, machines, accounts, files, SETTINGS, clock),
            machines, files, SETTINGS, announced::add, NO_HEARTBEAT, new QuietMonitor());

    @BeforeEach
    void accounts() {
        accounts.add(ALICE);
        accounts.add(BOB);
        accounts.add(OPERATOR);
    }

    @Test
    void aRunningMachineIsStoppedSnapshottedAndStartedAgainAndTheImageActivated() throws IOException {
        Image base = image(OPERATOR).named("os").publicImage().storeIn(images);
        Machine machine = machines.of(ALICE, base.id(), MachineState.RUNNING, "the disk");
        UUID jobId = create(machine);

        assertThat(worker.runNextJob()).isTrue();

        Image image = images.findById(jobs.findById(jobId).orElseThrow().imageId()).orElseThrow();
        assertThat(image.state()).isEqualTo(ImageState.ACTIVE);
        assertThat(image.publishedAt()).isEqualTo(NOW);
        assertThat(image.file().compression()).isEqualTo(Compression.GZIP);
        assertThat(files.referencesOf(image.file().sha256())).isEqualTo(1);
        assertThat(files.holdersOf(image.file().sha256())).isZero();
        try (var content = files.open(image.file().sha256()).stream()) {
            assertThat(new String(content.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("the disk");
        }
        assertThat(machines.stateChanges).containsExactly(MachineState.STOPPED, MachineState.RUNNING);
        assertThat(machines.findById(machine.id()).orElseThrow().state()).isEqualTo(MachineState.RUNNING);
        ImageJob job = jobs.findById(jobId).orElseThrow();
        assertThat(job.state()).isEqualTo(ImageJob.State.SUCCEEDED);
        assertThat(job.machineStopped()).isFalse();
        assertThat(announced).extracting(Image::id).containsExactly(image.id());
        assertThat(worker.runNextJob()).isFalse();
    }

    @Test
    void aMachineBuiltOnACustomImageFailsTheImageWithoutTouchingTheMachine() {
        Image custom = image(BOB).named("custom").publicImage().storeIn(images);
        Machine machine = machines.of(ALICE, custom.id(), MachineState.RUNNING, "the disk");
        UUID jobId = create(machine);

        worker.runNextJob();

        Image image = images.findById(jobs.findById(jobId).orElseThrow().imageId()).orElseThrow();
        assertThat(image.state()).isEqualTo(ImageState.FAILED);
        assertThat(image.error().code()).isEqualTo("NotSupported");
        assertThat(machines.stateChanges).isEmpty();
        assertThat(jobs.findById(jobId).orElseThrow().state()).isEqualTo(ImageJob.State.FAILED);
    }

    @Test
    void aDiskThatCannotBeReadFailsTheImageAndTheMachineRunsAgain() {
        Image base = image(OPERATOR).named("os").publicImage().storeIn(images);
        Machine machine = machines.of(ALICE, base.id(), MachineState.RUNNING, InMemoryMachines.UNREADABLE);
        UUID jobId = create(machine);

        worker.runNextJob();

        Image image = images.findById(jobs.findById(jobId).orElseThrow().imageId()).orElseThrow();
        assertThat(image.state()).isEqualTo(ImageState.FAILED);
        assertThat(image.error().code()).isEqualTo("InternalError");
        assertThat(machines.stateChanges).containsExactly(MachineState.STOPPED, MachineState.RUNNING);
        assertThat(jobs.findById(jobId).orElseThrow().machineStopped()).isFalse();
    }

    @Test
    void theDiskOfAnImageDeletedWhileItStreamsIsLetGo() {
        Image base = image(OPERATOR).named("os").publicImage().storeIn(images);
        Machine machine = machines.of(ALICE, base.id(), MachineState.RUNNING, "the disk");
        UUID jobId = create(machine);
        UUID imageId = jobs.findById(jobId).orElseThrow().imageId();
        machines.afterWrite = () -> images.delete(images.findById(imageId).orElseThrow());

        worker.runNextJob();

        assertThat(jobs.findById(jobId).orElseThrow().state()).isEqualTo(ImageJob.State.FAILED);
        assertThat(files.hasContent(InMemoryImageFileStore.addressOf("the disk".getBytes(StandardCharsets.UTF_8))))
                .isFalse();
    }

    /** Reports go nowhere; the worker's effects are what these tests check. */
    private static final class QuietMonitor implements ImageJobMonitor {
        @Override
        public void started(ImageJob job) {
        }

        @Override
        public void progressed(ImageJob job, long bytesDone, long bytesTotal) {
        }

        @Override
        public void crashed(ImageJob job, RuntimeException fault) {
        }

        @Override
        public void finished(ImageJob job, String error, long bytesRead, long bytesWritten, Duration took) {
        }
    }

    private UUID create(Machine machine) {
        return create.createImageFromMachine(new CreateImageFromMachineCommand(ALICE, machine.id().toString(), "snap",
                "1.0", null, null, null, null, null)).jobId();
    }
}
