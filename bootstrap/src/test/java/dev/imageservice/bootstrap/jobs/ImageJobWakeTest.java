package dev.imageservice.bootstrap.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.application.port.in.CreateImageFromMachineCommand;
import dev.imageservice.application.port.in.CreateImageFromMachineUseCase;
import dev.imageservice.application.port.in.CreatedImage;
import dev.imageservice.application.port.out.Accounts;
import dev.imageservice.application.port.out.ImageJobs;
import dev.imageservice.application.port.out.Machines;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.job.ImageJob;
import dev.imageservice.domain.machine.Machine;
import dev.imageservice.domain.machine.MachineState;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A creation queued through this instance is taken up as soon as it commits, not at the workers' next poll. */
@QuarkusTest
@TestProfile(ImageJobWakeTest.RarePolls.class)
class ImageJobWakeTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    /** The workers poll once at the start, and next long after the test is over. */
    public static class RarePolls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("images.jobs.poll-interval", "10m");
        }
    }

    @Inject
    CreateImageFromMachineUseCase createImage;
    @Inject
    Accounts accounts;
    @Inject
    Machines machines;
    @Inject
    ImageJobs jobs;

    @Test
    void aQueuedCreationIsTakenUpWithoutWaitingForAPoll() throws Exception {
        Instant now = Instant.now();
        Account alice = new Account(UUID.randomUUID(), "alice" + now.toEpochMilli(), null, false, false, now, now);
        Path disk = Files.createTempFile("disk", ".img");
        Files.writeString(disk, "a small disk");
        Machine machine = new Machine(UUID.randomUUID(), "woken", alice.id(), MachineState.STOPPED, "joyent", null,
                disk.toString());
        QuarkusTransaction.requiringNew().run(() -> {
            accounts.add(alice);
            machines.add(machine);
        });

        CreatedImage created = createImage.createImageFromMachine(new CreateImageFromMachineCommand(alice,
                machine.id().toString(), "woken", "1.0.0", null, null, null, null, null));

        Instant deadline = Instant.now().plus(PATIENCE);
        ImageJob.State state = ImageJob.State.QUEUED;
        while (state == ImageJob.State.QUEUED && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            state = QuarkusTransaction.requiringNew().call(() -> jobs.findById(created.jobId()).orElseThrow().state());
        }
        assertThat(state).as("the job %s after %s", state, PATIENCE).isNotEqualTo(ImageJob.State.QUEUED);
    }
}
