package dev.imageservice.bootstrap.grpc;

import static dev.imageservice.bootstrap.grpc.GrpcClient.assertFails;
import static dev.imageservice.bootstrap.grpc.GrpcClient.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.imageservice.adapter.grpc.v1.CreateImageFromMachineRequest;
import dev.imageservice.adapter.grpc.v1.CreateImageFromMachineResponse;
import dev.imageservice.adapter.grpc.v1.GetImageFileRequest;
import dev.imageservice.adapter.grpc.v1.GetImageRequest;
import dev.imageservice.adapter.grpc.v1.ImageFile;
import dev.imageservice.adapter.grpc.v1.ImageFileChunk;
import dev.imageservice.adapter.grpc.v1.ImageServiceGrpc.ImageServiceBlockingStub;
import dev.imageservice.adapter.grpc.v1.ImageStateChange;
import dev.imageservice.adapter.grpc.v1.WatchImageRequest;
import dev.imageservice.adapter.grpc.watch.ImageWatchHub;
import dev.imageservice.application.port.out.ImageRepository;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageError;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.machine.MachineState;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The two server streams: WatchImage fed by a real creation job, GetImageFile with flow control, and cancels. */
@QuarkusTest
class GrpcStreamsTest extends SeededGrpcTest {

    @Inject
    ImageWatchHub hub;
    @Inject
    ImageRepository images;

    int watchedBefore;

    @BeforeEach
    void countWatchedImages() {
        watchedBefore = hub.watchedImages();
    }

    /**
     * The machine's disk is a FIFO: the job cannot finish before the test writes it, so the watch
     * sees the placeholder first, then the job's progress while half the disk is written, and the
     * job's outcome afterwards, without any timing luck.
     */
    @Test
    void aWatchSeesCreatingThenActiveForARealCreateJob_andTheFileItMadeDownloadsWhole() throws Exception {
        Path disk = Files.createTempDirectory("grpc-fifo").resolve("disk");
        assertThat(new ProcessBuilder("mkfifo", disk.toString()).start().waitFor()).isZero();
        byte[] diskContent = "the disk of a machine imaged over gRPC\n".repeat(1000).getBytes();
        var machine = data.machine(alice, disk, base.id(), MachineState.STOPPED);
        boolean diskWritten = false;
        try {
            CreateImageFromMachineResponse created = alice().createImageFromMachine(CreateImageFromMachineRequest
                    .newBuilder().setMachine(machine.id().toString()).setName("watched").setVersion("1.0.0").build());
            String id = created.getImage().getId();

            Iterator<ImageStateChange> changes = alice().watchImage(watch(id));
            ImageStateChange first = changes.next();
            assertThat(first.getImage().getId()).isEqualTo(id);
            assertThat(first.getImage().getState()).isEqualTo("creating");
            assertThat(first.hasBytesDone()).isTrue();
            assertThat(hub.watchedImages()).isEqualTo(watchedBefore + 1);

            int half = diskContent.length / 2;
            try (OutputStream out = Files.newOutputStream(disk)) {
                // Closing the FIFO, however this ends, lets the job finish.
                diskWritten = true;
                out.write(diskContent, 0, half);
                out.flush();
                // While the job waits for the rest, the watch reports how far it got.
                ImageStateChange progress;
                do {
                    progress = changes.next();
                    assertThat(progress.getImage().getState()).isEqualTo("creating");
                    assertThat(progress.getBytesDone()).isPositive().isLessThanOrEqualTo(half);
                } while (progress.getBytesDone() < half);
                out.write(diskContent, half, diskContent.length - half);
            }
            ImageStateChange second = changes.next();
            while (second.getImage().getState().equals("creating")) {
                second = changes.next();
            }
            assertThat(second.hasBytesDone()).isFalse();
            assertThat(second.getImage().getState()).isEqualTo("active");
            assertThat(second.getImage().getFilesList()).hasSize(1);
            assertThat(second.getImage().hasPublishedAt()).isTrue();
            // active is final: the server ends the stream and drops its subscription.
            assertThat(changes.hasNext()).isFalse();
            eventually("the finished watch is unsubscribed", () -> hub.watchedImages() == watchedBefore);

            ImageFile file = second.getImage().getFiles(0);
            byte[] downloaded = download(alice(), id);
            assertThat(downloaded).hasSize((int) file.getSize());
            assertThat(sha1(downloaded)).isEqualTo(file.getSha1());
            assertThat(file.getCompression()).isEqualTo("gzip");
            try (InputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(downloaded))) {
                assertThat(unzipped.readAllBytes()).isEqualTo(diskContent);
            }
        } finally {
            if (!diskWritten) {
                // Unblock the job so that it does not hold a worker for the rest of the run.
                Thread unblock = new Thread(() -> write(disk, new byte[0]));
                unblock.setDaemon(true);
                unblock.start();
            }
        }
    }

    @Test
    void aDownloadComesInChunksWhoseSha1IsTheManifests() {
        byte[] content = randomBytes(300 * 1024 + 7);
        Image image = data.image(alice, "download").content(content).add();
        String sha1 = alice().getImage(GetImageRequest.newBuilder().setId(image.id().toString()).build())
                .getFiles(0).getSha1();

        List<ByteString> chunks = new ArrayList<>();
        alice().getImageFile(file(image.id().toString())).forEachRemaining(chunk -> chunks.add(chunk.getData()));

        assertThat(chunks).hasSizeGreaterThan(1).allSatisfy(chunk -> assertThat(chunk.size()).isBetween(1, 64 * 1024));
        byte[] downloaded = chunks.stream().reduce(ByteString.EMPTY, ByteString::concat).toByteArray();
        assertThat(sha1(downloaded)).isEqualTo(sha1).isEqualTo(sha1(content));
    }

    /**
     * The client takes one chunk and stops asking, so flow control holds the server mid-file with
     * the file open; the cancel must close it.
     */
    @Test
    void aCancelledDownloadClosesTheFile() throws Exception {
        Image image = data.image(alice, "big").content(randomBytes(16 * 1024 * 1024)).add();
        String sha256 = image.file().sha256();
        CompletableFuture<ClientCallStreamObserver<GetImageFileRequest>> call = new CompletableFuture<>();
        CompletableFuture<ImageFileChunk> firstChunk = new CompletableFuture<>();
        CompletableFuture<Throwable> ended = new CompletableFuture<>();

        client.asyncAs(alice, ALICE_KEY).getImageFile(file(image.id().toString()),
                GrpcClient.pausing(call::complete, firstChunk::complete, ended));
        firstChunk.get(30, TimeUnit.SECONDS);

        assertThat(openFiles(sha256)).as("the server holds the file while the client pauses").isPositive();
        Thread.sleep(200);
        assertThat(ended).as("flow control holds the server: the stream cannot have finished").isNotDone();
        call.get().cancel("the client gives up", null);

        // Promptly: a leaked stream would also be closed, but only by the JDK's cleaner at some later GC.
        eventually("the server closes the file after the cancel", Duration.ofSeconds(3), () -> openFiles(sha256) == 0);
        assertThat(Status.fromThrowable(ended.get(30, TimeUnit.SECONDS)).getCode()).isEqualTo(Status.Code.CANCELLED);
    }

    @Test
    void aCancelledWatchFreesItsSubscription() throws Exception {
        Image pending = data.image(alice, "pending").state(ImageState.CREATING).add();
        CompletableFuture<ClientCallStreamObserver<WatchImageRequest>> call = new CompletableFuture<>();
        CompletableFuture<ImageStateChange> first = new CompletableFuture<>();
        CompletableFuture<Throwable> ended = new CompletableFuture<>();

        client.asyncAs(alice, ALICE_KEY).watchImage(watch(pending.id().toString()),
                GrpcClient.pausing(call::complete, first::complete, ended));

        assertThat(first.get(30, TimeUnit.SECONDS).getImage().getState()).isEqualTo("creating");
        assertThat(hub.watchedImages()).isEqualTo(watchedBefore + 1);
        call.get().cancel("the client stops watching", null);

        eventually("the cancelled watch is unsubscribed", () -> hub.watchedImages() == watchedBefore);
        assertThat(Status.fromThrowable(ended.get(30, TimeUnit.SECONDS)).getCode()).isEqualTo(Status.Code.CANCELLED);
    }

    /**
     * Another instance sharing the database changes the image: no event reaches this one, yet the
     * watch streams the change within about a second (its poll of the stored image).
     */
    @Test
    void aWatchSeesAChangeMadeElsewhereWithinASecond() {
        Image pending = data.image(alice, "elsewhere").state(ImageState.CREATING).add();
        Iterator<ImageStateChange> changes = alice().watchImage(watch(pending.id().toString()));
        assertThat(changes.next().getImage().getState()).isEqualTo("creating");

        long changed = System.nanoTime();
        QuarkusTransaction.requiringNew().run(() -> {
            Image stored = images.findById(pending.id()).orElseThrow();
            stored.fail(new ImageError("InternalError", "the other instance's job failed"));
            images.update(stored);
        });

        assertThat(changes.next().getImage().getState()).isEqualTo("failed");
        assertThat(Duration.ofNanos(System.nanoTime() - changed)).isLessThan(Duration.ofMillis(1500));
        assertThat(changes.hasNext()).isFalse();
    }

    @Test
    void aWatchOfAnImageAlreadyInAFinalStateSendsItOnceAndEnds() {
        Image active = activeImage(alice, "settled");

        List<ImageStateChange> changes = new ArrayList<>();
        alice().watchImage(watch(active.id().toString())).forEachRemaining(changes::add);

        assertThat(changes).singleElement().satisfies(change -> assertThat(change.getImage().getState()).isEqualTo("active"));
        assertThat(hub.watchedImages()).isEqualTo(watchedBefore);
    }

    /** Both streams check visibility exactly as GetImage does, and a refused watch leaves no subscription. */
    @Test
    void invisibleImagesCannotBeWatchedOrDownloaded_andAnImageWithoutFileHasNothingToDownload() {
        Image bobs = activeImage(bob, "private");
        Image pending = data.image(alice, "pending").state(ImageState.CREATING).add();

        assertFails(() -> alice().watchImage(watch(bobs.id().toString())).hasNext(),
                Status.Code.NOT_FOUND, "ResourceNotFound");
        assertFails(() -> alice().getImageFile(file(bobs.id().toString())).hasNext(),
                Status.Code.NOT_FOUND, "ResourceNotFound");
        assertFails(() -> alice().getImageFile(file(pending.id().toString())).hasNext(),
                Status.Code.NOT_FOUND, "ResourceNotFound");
        assertFails(() -> alice().watchImage(watch("not-a-uuid")).hasNext(), Status.Code.NOT_FOUND, "ResourceNotFound");
        assertThat(hub.watchedImages()).isEqualTo(watchedBefore);
    }

    private static WatchImageRequest watch(String id) {
        return WatchImageRequest.newBuilder().setLogin("my").setId(id).build();
    }

    private static GetImageFileRequest file(String id) {
        return GetImageFileRequest.newBuilder().setLogin("my").setId(id).build();
    }

    private static byte[] download(ImageServiceBlockingStub stub, String id) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        stub.getImageFile(file(id)).forEachRemaining(chunk -> out.writeBytes(chunk.getData().toByteArray()));
        return out.toByteArray();
    }

    /** File descriptors of this JVM (which runs the server) open on a file whose path contains {@code name}. */
    private static long openFiles(String name) {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return descriptors.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().contains(name);
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void write(Path fifo, byte[] content) {
        try (OutputStream out = Files.newOutputStream(fifo)) {
            out.write(content);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
