package dev.imageservice.bootstrap.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.application.port.in.CreateImageFromMachineCommand;
import dev.imageservice.application.port.in.CreateImageFromMachineUseCase;
import dev.imageservice.application.port.in.CreatedImage;
import dev.imageservice.application.port.in.ExpireImagePlaceholdersUseCase;
import dev.imageservice.application.port.out.Accounts;
import dev.imageservice.application.port.out.ImageFileStore;
import dev.imageservice.application.port.out.ImageJobs;
import dev.imageservice.application.port.out.ImageRepository;
import dev.imageservice.application.port.out.Machines;
import dev.imageservice.bootstrap.cli.AdminCommands;
import dev.imageservice.bootstrap.observe.JobTelemetry;
import dev.imageservice.bootstrap.observe.LogCapture;
import dev.imageservice.bootstrap.observe.Scrape;
import java.io.PrintStream;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.Compression;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageFile;
import dev.imageservice.domain.image.ImageName;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.image.ImageType;
import dev.imageservice.domain.image.ImageOs;
import dev.imageservice.domain.image.ImageVersion;
import dev.imageservice.domain.image.Manifest;
import dev.imageservice.domain.job.ImageJob;
import dev.imageservice.domain.machine.Machine;
import dev.imageservice.domain.machine.MachineState;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** CreateImageFromMachine end to end inside the server: real disks, the real job worker, the real file store. */
@QuarkusTest
class ImageCreationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    CreateImageFromMachineUseCase createImage;
    @Inject
    Accounts accounts;
    @Inject
    ImageRepository images;
    @Inject
    ImageJobs jobs;
    @Inject
    Machines machines;
    @Inject
    ImageFileStore files;
    @Inject
    ExpireImagePlaceholdersUseCase expirePlaceholders;
    @Inject
    AdminCommands adminCommands;

    static Account operator;
    static Account alice;
    static Image baseImage;
    static Image customImage;
    static Path directoryDisk;
    static Path fileDisk;

    @BeforeAll
    static void disks() throws IOException {
        Path root = Files.createTempDirectory("disks");
        directoryDisk = Files.createDirectories(root.resolve("zone"));
        Random random = new Random(42);
        byte[] noise = new byte[3 * 1024 * 1024];
        random.nextBytes(noise);
        Files.write(Files.createDirectories(directoryDisk.resolve("var/data")).resolve("noise.bin"), noise);
        Files.writeString(directoryDisk.resolve("etc-motd.txt"), "welcome\n".repeat(100_000));
        fileDisk = root.resolve("disk.img");
        byte[] image = new byte[2 * 1024 * 1024];
        random.nextBytes(image);
        Files.write(fileDisk, image);
    }

    @Inject
    void seed() {
        if (operator != null) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            Instant now = Instant.now();
            operator = new Account(UUID.randomUUID(), "admin" + suffix(), null, true, false, now, now);
            alice = new Account(UUID.randomUUID(), "alice" + suffix(), null, false, false, now, now);
            accounts.add(operator);
            accounts.add(alice);
            baseImage = activeImage(operator, "base", null);
            customImage = activeImage(alice, "custom", baseImage.id());
        });
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void aDirectoryDiskBecomesATarInEveryCompression(Compression compression) throws Exception {
        Machine machine = machine(alice, directoryDisk, baseImage.id(), MachineState.STOPPED);
        Image placeholder = queueCreation(machine, compression);

        Image image = awaitFinished(placeholder.id());

        assertThat(image.state()).isEqualTo(ImageState.ACTIVE);
        assertThat(image.publishedAt()).isNotNull();
        ImageFile file = image.file();
        assertThat(file.compression()).isEqualTo(compression);
        byte[] stored = storedBytes(file);
        assertThat(stored).hasSize((int) file.size());
        assertThat(hex("SHA-1", stored)).isEqualTo(file.sha1());
        assertThat(hex("SHA-256", stored)).isEqualTo(file.sha256());
        assertThat(untar(decompress(compression, stored))).isEqualTo(Map.of(
                "var/data/noise.bin", hex("SHA-256", Files.readAllBytes(directoryDisk.resolve("var/data/noise.bin"))),
                "etc-motd.txt", hex("SHA-256", Files.readAllBytes(directoryDisk.resolve("etc-motd.txt")))));
    }

    @Test
    void aFileDiskIsTakenAsItIsAndTheImageInheritsFromItsOrigin() throws Exception {
        Machine machine = machine(alice, fileDisk, baseImage.id(), MachineState.STOPPED);
        CreatedImage created = createImage.createImageFromMachine(command(machine.id().toString(), "snap", "1.0.0"));

        assertThat(created.image().state()).isEqualTo(ImageState.CREATING);
        assertThat(jobs.findById(created.jobId())).isPresent();
        Image image = awaitFinished(created.image().id());

        assertThat(image.state()).isEqualTo(ImageState.ACTIVE);
        assertThat(image.manifest().origin()).isEqualTo(baseImage.id());
        assertThat(image.manifest().os()).isEqualTo(ImageOs.SMARTOS);
        assertThat(image.manifest().type()).isEqualTo(ImageType.ZONE_DATASET);
        assertThat(decompress(Compression.GZIP, storedBytes(image.file()))).isEqualTo(Files.readAllBytes(fileDisk));
        assertThat(QuarkusTransaction.requiringNew().call(() -> jobs.findById(created.jobId())).orElseThrow().state())
                .isEqualTo(ImageJob.State.SUCCEEDED);
    }

    @Test
    void aRunningMachineIsStoppedForTheSnapshotAndStartedAgain() throws Exception {
        Path fifo = Files.createTempDirectory("fifo").resolve("disk");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Machine machine = machine(alice, fifo, baseImage.id(), MachineState.RUNNING);
        CreatedImage created = createImage.createImageFromMachine(command(machine.id().toString(), "live", "1.0.0"));

        // The job blocks reading the disk until we write it: meanwhile the machine must be stopped.
        awaitMachineState(machine.id(), MachineState.STOPPED);
        byte[] content = "disk content written while the job waits".getBytes(StandardCharsets.US_ASCII);
        try (OutputStream disk = Files.newOutputStream(fifo)) {
            disk.write(content);
        }
        Image image = awaitFinished(created.image().id());

        assertThat(image.state()).isEqualTo(ImageState.ACTIVE);
        assertThat(decompress(Compression.GZIP, storedBytes(image.file()))).isEqualTo(content);
        awaitMachineState(machine.id(), MachineState.RUNNING);
    }

    @Test
    void twoCreatesFromOneMachineAtOnceBothSucceed() throws Exception {
        Machine machine = machine(alice, directoryDisk, baseImage.id(), MachineState.RUNNING);
        CompletableFuture<CreatedImage> first = CompletableFuture.supplyAsync(
                () -> createImage.createImageFromMachine(command(machine.id().toString(), "twin", "1.0.0")));
        CompletableFuture<CreatedImage> second = CompletableFuture.supplyAsync(
                () -> createImage.createImageFromMachine(command(machine.id().toString(), "twin", "2.0.0")));

        Image one = awaitFinished(first.get().image().id());
        Image two = awaitFinished(second.get().image().id());

        assertThat(one.state()).isEqualTo(ImageState.ACTIVE);
        assertThat(two.state()).isEqualTo(ImageState.ACTIVE);
        assertThat(one.file().sha256()).isEqualTo(two.file().sha256());
        assertThat(untar(decompress(Compression.GZIP, storedBytes(two.file())))).containsKey("var/data/noise.bin");
        awaitMachineState(machine.id(), MachineState.RUNNING);
    }

    @Test
    void aMachineWithoutOriginFailsWithVmHasNoOrigin() {
        Machine machine = machine(alice, fileDisk, null, MachineState.STOPPED);
        CreatedImage created = createImage.createImageFromMachine(command(machine.id().toString(), "orphan", "1.0.0"));

        Image image = awaitFinished(created.image().id());

        assertThat(image.state()).isEqualTo(ImageState.FAILED);
        assertThat(image.error().code()).isEqualTo("VmHasNoOrigin");
    }

    @Test
    void aMachineBasedOnACustomImageFailsWithNotSupported() {
        Machine machine = machine(alice, fileDisk, customImage.id(), MachineState.STOPPED);
        CreatedImage created = createImage.createImageFromMachine(command(machine.id().toString(), "nested", "1.0.0"));

        Image image = awaitFinished(created.image().id());

        assertThat(image.state()).isEqualTo(ImageState.FAILED);
        assertThat(image.error().code()).isEqualTo("NotSupported");
    }

    @Test
    void anUnreadableDiskFailsWithInternalErrorAndLeavesNoFileBehind() throws Exception {
        Path missing = Files.createTempDirectory("gone").resolve("no-such-disk.img");
        Machine machine = machine(alice, missing, baseImage.id(), MachineState.RUNNING);
        long blobsBefore = countBlobFiles();
        CreatedImage created = createImage.createImageFromMachine(command(machine.id().toString(), "broken", "1.0.0"));

        Image image = awaitFinished(created.image().id());

        assertThat(image.state()).isEqualTo(ImageState.FAILED);
        assertThat(image.error().code()).isEqualTo("InternalError");
        assertThat(image.error().shownCode()).isEqualTo("InternalError");
        assertThat(image.file()).isNull();
        assertThat(countBlobFiles()).isEqualTo(blobsBefore);
        assertThat(Files.list(dataDir().resolve("files/tmp")).count()).isZero();
        awaitMachineState(machine.id(), MachineState.RUNNING);
    }

    @Test
    void aPlaceholderOlderThanItsTimeLimitExpires() {
        Machine machine = machine(alice, fileDisk, baseImage.id(), MachineState.STOPPED);
        // A job another (live) worker holds, created long before the placeholder time limit.
        Instant longAgo = Instant.now().minus(Duration.ofDays(2));
        Image placeholder = runningJob(machine, 1, longAgo, Instant.now().plus(Duration.ofHours(1)));

        assertThat(expirePlaceholders.expirePlaceholders()).isGreaterThanOrEqualTo(1);

        Image expired = awaitFinished(placeholder.id());
        assertThat(expired.state()).isEqualTo(ImageState.FAILED);
        assertThat(expired.error().message()).contains("did not finish");
    }

    @Test
    void aCreationMovesTheJobAndTransferMetricsAndLeavesItsProgressInTheQueue() throws Exception {
        double succeeded = Scrape.value("images_jobs_finished_total", "outcome=\"succeeded\"");
        double read = Scrape.value("images_read_bytes_total", "transfer=\"creation\"");
        double written = Scrape.value("images_written_bytes_total", "transfer=\"creation\"");
        Machine machine = machine(alice, fileDisk, baseImage.id(), MachineState.STOPPED);
        Image image;
        CreatedImage created;
        try (LogCapture log = LogCapture.of(JobTelemetry.class)) {
            created = createImage.createImageFromMachine(command(machine.id().toString(), "metered", "1.0.0"));
            image = awaitFinished(created.image().id());

            // The end is logged just after the image is activated.
            awaitLogged(log, "image job " + created.jobId() + " succeeded: image " + image.id());
            assertThat(log.lines()).anyMatch(line -> line.startsWith(
                    "image job " + created.jobId() + " started: image " + image.id() + " from machine " + machine.id()));
        }

        long diskSize = Files.size(fileDisk);
        assertThat(Scrape.value("images_read_bytes_total", "transfer=\"creation\"")).isEqualTo(read + diskSize);
        assertThat(Scrape.value("images_written_bytes_total", "transfer=\"creation\"")).isEqualTo(written + image.file().size());
        // The job's end is counted just after the image is activated.
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Scrape.value("images_jobs_finished_total", "outcome=\"succeeded\"") < succeeded + 1
                && Instant.now().isBefore(deadline)) {
            sleep();
        }
        assertThat(Scrape.value("images_jobs_finished_total", "outcome=\"succeeded\"")).isEqualTo(succeeded + 1);
        ImageJob job = QuarkusTransaction.requiringNew().call(() -> jobs.findById(created.jobId()).orElseThrow());
        assertThat(job.progressBytes()).isEqualTo(diskSize);
        assertThat(job.progressTotal()).isEqualTo(diskSize);
        assertThat(job.started()).isNotNull();

        ByteArrayOutputStream listed = new ByteArrayOutputStream();
        assertThat(adminCommands.run(List.of("job", "list", "--state", "succeeded"), new PrintStream(listed, true),
                System.err)).isZero();
        assertThat(listed.toString().lines().toList()).first().asString()
                .startsWith("ID ").contains("IMAGE", "MACHINE", "STATE", "ATTEMPTS", "BYTES DONE", "STARTED", "LEASE UNTIL");
        assertThat(listed.toString().lines().filter(line -> line.startsWith(job.id().toString())).toList())
                .singleElement().asString().contains(image.id().toString(), machine.id().toString(), " succeeded ",
                        diskSize + "/" + diskSize, job.started().toString()).endsWith(" -");
    }

    private static void awaitLogged(LogCapture log, String start) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (log.lines().stream().noneMatch(line -> line.startsWith(start)) && Instant.now().isBefore(deadline)) {
            sleep();
        }
        assertThat(log.lines()).anyMatch(line -> line.startsWith(start));
    }

    @Test
    void aJobInterruptedTooOftenFails() {
        double retried = Scrape.value("images_jobs_retried_total");
        Machine machine = machine(alice, fileDisk, baseImage.id(), MachineState.STOPPED);
        // Its worker died (the lease ran out) for the third time.
        Instant now = Instant.now();
        Image placeholder = runningJob(machine, 3, now, now.minusSeconds(1));

        Image failed = awaitFinished(placeholder.id());

        assertThat(failed.state()).isEqualTo(ImageState.FAILED);
        assertThat(failed.error().message()).contains("interrupted");
        assertThat(Scrape.value("images_jobs_retried_total")).isGreaterThanOrEqualTo(retried + 1);
    }

    /** A placeholder with a running job, written as the job queue holds it. */
    private Image runningJob(Machine machine, int attempts, Instant created, Instant leaseUntil) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Image placeholder = Image.create(UUID.randomUUID(), alice.id(),
                    Manifest.named(ImageName.of("stale"), ImageVersion.of("1")), ImageState.CREATING);
            images.add(placeholder);
            jobs.add(ImageJob.restore(UUID.randomUUID(), placeholder.id(), machine.id(), Compression.GZIP, ImageJob.State.RUNNING, 0,
                    0, attempts, null, false, created, created, created, leaseUntil));
            return placeholder;
        });
    }

    @Test
    void theRequestIsCheckedInTheReferenceOrder() {
        Machine machine = machine(alice, fileDisk, baseImage.id(), MachineState.STOPPED);
        Machine othersMachine = machine(operator, fileDisk, baseImage.id(), MachineState.STOPPED);
        String id = machine.id().toString();

        assertCode(command(null, null, null), ErrorCode.MISSING_PARAMETER, "machine");
        assertCode(command(id, null, null), ErrorCode.MISSING_PARAMETER, "name");
        assertCode(command(id, "n", null), ErrorCode.MISSING_PARAMETER, "version");
        assertCode(command("not-a-uuid", "n", "1"), ErrorCode.INVALID_PARAMETER, "machine");
        assertCode(command(UUID.randomUUID().toString(), "n", "1"), ErrorCode.INVALID_PARAMETER, "machine");
        assertCode(command(othersMachine.id().toString(), "n", "1"), ErrorCode.INVALID_PARAMETER, "machine");
        assertThatThrownBy(() -> createImage.createImageFromMachine(new CreateImageFromMachineCommand(alice, id,
                "bad name!", "1.0.0", null, "ftp://example.com", null, "not-a-uuid", null)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.errors()).extracting(error -> error.field())
                            .containsExactlyInAnyOrder("name", "homepage", "acl");
                });
    }

    private void assertCode(CreateImageFromMachineCommand command, ErrorCode code, String mentioned) {
        assertThatThrownBy(() -> createImage.createImageFromMachine(command))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).contains(mentioned);
                });
    }

    private CreateImageFromMachineCommand command(String machine, String name, String version) {
        return new CreateImageFromMachineCommand(alice, machine, name, version, null, null, null, null, null);
    }

    private Image queueCreation(Machine machine, Compression compression) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Image placeholder = Image.create(UUID.randomUUID(), alice.id(),
                    Manifest.named(ImageName.of("tarred"), ImageVersion.of(compression.wireName())), ImageState.CREATING);
            images.add(placeholder);
            jobs.add(ImageJob.queued(UUID.randomUUID(), placeholder.id(), machine.id(), compression, Instant.now()));
            return placeholder;
        });
    }

    private Machine machine(Account owner, Path disk, UUID image, MachineState state) {
        Machine machine = new Machine(UUID.randomUUID(), "m-" + suffix(), owner.id(), state, "joyent", image,
                disk.toString());
        QuarkusTransaction.requiringNew().run(() -> machines.add(machine));
        return machine;
    }

    private Image activeImage(Account owner, String name, UUID origin) {
        Manifest manifest = new Manifest(ImageName.of(name), ImageVersion.of("1.0.0"), null, null, null,
                ImageOs.SMARTOS, ImageType.ZONE_DATASET, null, null, null, false, origin);
        Image image = Image.create(UUID.randomUUID(), owner.id(), manifest, ImageState.UNACTIVATED);
        image.attachFile(new ImageFile("0".repeat(40), 0, Compression.NONE, null));
        image.activate(Instant.now());
        images.add(image);
        return image;
    }

    private Image awaitFinished(UUID id) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            Image image = QuarkusTransaction.requiringNew().call(() -> images.findById(id).orElseThrow());
            if (image.state() != ImageState.CREATING) {
                return image;
            }
            sleep();
        }
        throw new AssertionError("image " + id + " still creating after " + PATIENCE);
    }

    private void awaitMachineState(UUID id, MachineState state) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            if (QuarkusTransaction.requiringNew().call(() -> machines.findById(id).orElseThrow().state()) == state) {
                return;
            }
            sleep();
        }
        throw new AssertionError("machine " + id + " never became " + state.wireName());
    }

    private byte[] storedBytes(ImageFile file) throws IOException {
        try (InputStream in = QuarkusTransaction.requiringNew().call(() -> files.open(file.sha256())).stream()) {
            return in.readAllBytes();
        }
    }

    private static byte[] decompress(Compression compression, byte[] bytes) throws Exception {
        if (compression == Compression.NONE) {
            return bytes;
        }
        String name = switch (compression) {
            case GZIP -> CompressorStreamFactory.GZIP;
            case BZIP2 -> CompressorStreamFactory.BZIP2;
            case XZ -> CompressorStreamFactory.XZ;
            case NONE -> throw new IllegalStateException();
        };
        try (InputStream in = new CompressorStreamFactory().createCompressorInputStream(name,
                new java.io.ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    /** The regular files of a tar, as SHA-256 digests by path. */
    private static Map<String, String> untar(byte[] tar) throws Exception {
        Map<String, String> entries = new HashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new java.io.ByteArrayInputStream(tar))) {
            for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (entry.isFile()) {
                    ByteArrayOutputStream content = new ByteArrayOutputStream();
                    in.transferTo(content);
                    entries.put(entry.getName(), hex("SHA-256", content.toByteArray()));
                }
            }
        }
        return entries;
    }

    private static long countBlobFiles() throws IOException {
        Path blobs = dataDir().resolve("files/sha256");
        if (!Files.exists(blobs)) {
            return 0;
        }
        try (var paths = Files.walk(blobs)) {
            return paths.filter(Files::isRegularFile).count();
        }
    }

    private static Path dataDir() {
        return Path.of("target/test-data");
    }

    private static String hex(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
