package dev.imageservice.bootstrap.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.application.port.out.ImageJobs;
import dev.imageservice.bootstrap.rest.Caller;
import dev.imageservice.bootstrap.rest.TestData;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.job.ImageJob;
import dev.imageservice.domain.machine.Machine;
import dev.imageservice.domain.machine.MachineState;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The disk under the image file store fills up while an image is being created: that image fails
 * with an error naming the cause, its partial file goes, other images keep theirs, and the server
 * goes on serving (the next creation, with room again, succeeds).
 */
@QuarkusTest
class DiskFullTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    TestData data;

    @Inject
    DiskSpace space;

    @Inject
    ImageJobs jobs;

    @ConfigProperty(name = "images.data-dir")
    Path dataDir;

    @AfterEach
    void freeTheDisk() {
        space.free();
    }

    @Test
    void aCreationThatFillsTheDiskFailsAloneAndCleanly() throws IOException {
        Account operator = data.account("diskop", true, false, null);
        Image base = data.image(operator, "disk-base").publicImage().add();
        Caller alice = Caller.create(data, "diskfull");
        Image other = data.image(alice.account(), "untouched").content("other image".getBytes()).add();
        Path disk = Files.createTempFile("full-disk", ".img");
        byte[] noise = new byte[2 * 1024 * 1024];
        new Random(7).nextBytes(noise);
        Files.write(disk, noise);
        Machine machine = data.machine(alice.account(), disk, base.id(), MachineState.STOPPED);
        List<String> filesBefore = storedFiles();

        space.fillAfter(256 * 1024);
        UUID failed = create(alice, machine, "too-big");
        Image image = awaitFinished(failed);

        assertThat(image.state()).isEqualTo(ImageState.FAILED);
        assertThat(image.error().message()).contains("writing the image file failed", "No space left on device");
        ImageJob job = QuarkusTransaction.requiringNew().call(() -> jobs.latestForImage(failed).orElseThrow());
        assertThat(job.state()).isEqualTo(ImageJob.State.FAILED);
        assertThat(job.error()).contains("No space left on device");
        assertThat(storedFiles()).as("no partial file, nothing staged").isEqualTo(filesBefore);
        assertThat(data.find(other.id())).usingRecursiveComparison().isEqualTo(other);
        assertThat(alice.signed().get("/my/images/" + other.id() + "/file").asByteArray()).isEqualTo("other image".getBytes());

        space.free();
        Image next = awaitFinished(create(alice, machine, "fits"));
        assertThat(next.state()).isEqualTo(ImageState.ACTIVE);
    }

    private UUID create(Caller caller, Machine machine, String name) {
        Response response = caller.signed().contentType("application/json")
                .body(Map.of("machine", machine.id().toString(), "name", name, "version", "1.0.0"))
                .post("/my/images");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
        return UUID.fromString(response.jsonPath().getString("id"));
    }

    private Image awaitFinished(UUID id) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            Image image = data.find(id);
            if (image.state() != ImageState.CREATING) {
                return image;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("image " + id + " still creating after " + PATIENCE);
    }

    /** Every file under the image store, the staging folder included. */
    private List<String> storedFiles() {
        Path root = dataDir.resolve("files");
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(file -> root.relativize(file).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
