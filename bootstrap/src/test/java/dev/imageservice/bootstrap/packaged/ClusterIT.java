package dev.imageservice.bootstrap.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imageservice.adapter.grpc.v1.ImageServiceGrpc;
import dev.imageservice.adapter.grpc.v1.ImageStateChange;
import dev.imageservice.adapter.grpc.v1.WatchImageRequest;
import dev.imageservice.adapter.persistence.postgresql.PostgresqlServer;
import dev.imageservice.adapter.persistence.s3.S3ProxyServer;
import dev.imageservice.bootstrap.grpc.SigningInterceptor;
import dev.imageservice.bootstrap.packaged.PackagedServer.ClientAccount;
import dev.imageservice.bootstrap.packaged.PackagedServer.ClientKeys;
import dev.imageservice.bootstrap.packaged.PackagedServer.Result;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two packaged instances, A and B, on one PostgreSQL and one S3 bucket (S3Proxy, signed requests),
 * configured through the operator's IMAGES_DB_* and IMAGES_S3_* variables and started once for the
 * class: what one instance does, the other serves; 50 concurrent updates spread over both lose
 * nothing; a watch on one instance sees a job finish on the other; and a job whose instance is
 * killed is finished by the other after the lease. Which instance claims a job is whichever polls
 * first, so the job scenarios find out (by who holds the machine's disk open) and name them
 * "worker" and "other". The kill comes last: the class ends with one instance.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UUIDS = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** Short, so that the job of a killed instance is taken over within seconds. */
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration PATIENCE = Duration.ofMinutes(1);
    private static final List<String> FIELDS = List.of("description", "homepage", "eula", "tags", "version");
    private static final int UPDATED_IMAGES = 10;

    private final S3ProxyServer bucket = new S3ProxyServer();
    private PackagedServer a;
    private PackagedServer b;
    private ClientAccount alice;
    private ClientAccount bob;
    private String slowMachine;
    /** The slow machine's disk: a FIFO, so a job reads exactly what the test writes, when it writes it. */
    private Path disk;
    private List<String> updatable;

    @BeforeAll
    void startTwoInstancesAndSeed() throws Exception {
        Instant begun = Instant.now();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("IMAGES_DB_URL", PostgresqlServer.shared().createDatabase());
        environment.put("IMAGES_DB_USER", PostgresqlServer.USER);
        environment.put("IMAGES_DB_PASSWORD", PostgresqlServer.shared().password());
        bucket.start().forEach((property, value) ->
                environment.put(property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value));
        a = instance("cluster-a", environment);
        b = instance("cluster-b", environment);
        // Starting an instance takes a minute on a busy host: both start, and the seeding (admin
        // commands on the shared database) runs, all at once.
        CompletableFuture<PackagedServer> startA = CompletableFuture.supplyAsync(a::start);
        CompletableFuture<PackagedServer> startB = CompletableFuture.supplyAsync(b::start);
        CompletableFuture<ClientAccount> addBob = CompletableFuture.supplyAsync(() -> a.addAccount("bob", false));
        CompletableFuture<ClientAccount> addAdmin = CompletableFuture.supplyAsync(() -> a.addAccount("admin", true));
        alice = a.addAccount("alice", false);
        disk = a.folder().resolve("slow-disk");
        assertThat(new ProcessBuilder("mkfifo", disk.toString()).start().waitFor()).isZero();
        // Images without files (unactivated), by one command: the operator's the machine was made
        // from (a custom image cannot be), and alice's for the updates.
        Path manifests = Files.createDirectories(a.folder().resolve("manifests"));
        String origin = writeManifest(manifests, addAdmin.get(), "base");
        updatable = new ArrayList<>();
        for (int i = 0; i < UPDATED_IMAGES; i++) {
            updatable.add(writeManifest(manifests, alice, "seeded-" + i));
        }
        a.adminOk("image", "import", manifests.toString());
        slowMachine = addMachine("slow", disk, origin);
        bob = addBob.get();
        startA.get();
        startB.get();
        System.out.println("ClusterIT: two instances started and seeded in "
                + Duration.between(begun, Instant.now()).toSeconds() + " s");
    }

    @AfterAll
    void stop() {
        for (PackagedServer instance : new PackagedServer[] {a, b}) {
            if (instance != null) {
                instance.stop();
            }
        }
        bucket.stop();
    }

    @Test
    @Order(1)
    void tritonCreatesThroughAAndListsGetsClonesExportsAndDeletesThroughB() throws Exception {
        CompletableFuture<Result> created = CompletableFuture.supplyAsync(
                () -> a.triton(alice, "image", "create", "-w", "slow", "clustered", "1.0.0"));
        try (SlowDisk writer = SlowDisk.open(disk, PATIENCE)) {
            writer.write(randomBytes(256 * 1024, 1));
        }
        ok(created.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));

        assertThat(ok(b.triton(alice, "image", "list", "-H", "-o", "name,version,state")).stdout())
                .containsPattern("clustered\\s+1\\.0\\.0\\s+active");
        Map<String, Object> image = ok(b.triton(alice, "image", "get", "clustered@1.0.0")).jsonObject();
        String id = String.valueOf(image.get("id"));
        String sha1 = String.valueOf(((List<?>) image.get("files")).stream().map(Map.class::cast)
                .findFirst().orElseThrow().get("sha1"));

        ok(b.triton(alice, "image", "share", id, bob.id().toString()));
        Result cloned = ok(b.triton(bob, "image", "clone", id));
        List<String> ids = UUIDS.matcher(cloned.stdout()).results().map(MatchResult::group).toList();
        assertThat(ids).as(cloned.stdout()).hasSize(2).startsWith(id);
        String cloneId = ids.get(1);

        ok(b.triton(alice, "image", "export", id, "/alice/stor"));
        // The export lies in the bucket: A serves what B wrote.
        HttpResponse<byte[]> exported = a.request(alice, "GET", "/alice/stor/clustered-1.0.0.zfs.gz", null);
        assertThat(exported.statusCode()).isEqualTo(200);
        assertThat(PackagedServer.sha1(exported.body())).isEqualTo(sha1);

        ok(b.triton(alice, "image", "delete", "-f", id));
        assertThat(a.request(alice, "GET", "/alice/images/" + id, null).statusCode()).isEqualTo(404);
        // Bob's clone shares the deleted image's content, which must stay.
        Map<String, Object> clone = PackagedServer.jsonObject(a.request(bob, "GET", "/bob/images/" + cloneId, null));
        assertThat(clone.get("owner")).isEqualTo(bob.id().toString());
        assertThat(clone.get("state")).isEqualTo("active");
        HttpResponse<byte[]> cloneFile = a.request(bob, "GET", "/bob/images/" + cloneId + "/file", null);
        assertThat(cloneFile.statusCode()).isEqualTo(200);
        assertThat(PackagedServer.sha1(cloneFile.body())).isEqualTo(sha1);
    }

    @Test
    @Order(2)
    void fiftyConcurrentUpdatesOverBothInstancesLoseNothing() throws Exception {
        List<CompletableFuture<HttpResponse<byte[]>>> updates = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(UPDATED_IMAGES * FIELDS.size());
        try {
            int n = 0;
            for (String id : updatable) {
                for (String field : FIELDS) {
                    PackagedServer instance = n++ % 2 == 0 ? a : b;
                    String body = JSON.writeValueAsString(Map.of(field, valueOf(field, id)));
                    updates.add(CompletableFuture.supplyAsync(() -> instance.request(alice, "POST",
                            "/alice/images/" + id + "?action=update", body), clients));
                }
            }
            Map<Integer, Integer> statuses = new LinkedHashMap<>();
            for (CompletableFuture<HttpResponse<byte[]>> update : updates) {
                HttpResponse<byte[]> response = update.get(2, TimeUnit.MINUTES);
                statuses.merge(response.statusCode(), 1, Integer::sum);
                assertThat(response.statusCode()).as(text(response)).isLessThan(500);
            }
            assertThat(statuses).isEqualTo(Map.of(200, updates.size()));
        } finally {
            clients.shutdownNow();
        }

        for (String id : updatable) {
            HttpResponse<byte[]> stored = b.request(alice, "GET", "/alice/images/" + id, null);
            Map<String, Object> image = PackagedServer.jsonObject(stored);
            for (String field : FIELDS) {
                assertThat(image.get(field)).as(field + " of " + id).isEqualTo(valueOf(field, id));
            }
            assertThat(stored.headers().firstValue("ETag")).contains("\"" + FIELDS.size() + "\"");
        }
    }

    @Test
    @Order(3)
    void aStaleIfMatchIsRefusedByTheOtherInstance() throws IOException {
        String path = "/alice/images/" + updatable.get(0);
        String seen = a.request(alice, "GET", path, null).headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> written = a.request(alice, "POST", path + "?action=update",
                JSON.writeValueAsString(Map.of("description", "written through A")));
        assertThat(written.statusCode()).as(text(written)).isEqualTo(200);

        HttpResponse<byte[]> stale = b.request(alice, "POST", path + "?action=update",
                JSON.writeValueAsString(Map.of("description", "based on what A had")), Map.of("If-Match", seen));

        assertThat(stale.statusCode()).as(text(stale)).isEqualTo(412);
        assertThat(PackagedServer.jsonObject(stale).get("code")).isEqualTo("PreconditionFailed");
        // B's GetImage may show its own earlier read for up to ImageRepository.RECENT (1 s), and no longer.
        Instant shownBy = Instant.now().plus(Duration.ofMillis(1500));
        Object description;
        do {
            description = PackagedServer.jsonObject(b.request(alice, "GET", path, null)).get("description");
        } while (!"written through A".equals(description) && Instant.now().isBefore(shownBy));
        assertThat(description).isEqualTo("written through A");
    }

    @Test
    @Order(4)
    void aWatchOnOneInstanceSeesTheJobTheOtherRunsFinishWithinASecond() throws Exception {
        String id = createFromSlowMachine("watched");
        SlowDisk writer = SlowDisk.open(disk, PATIENCE);
        PackagedServer worker = worker();
        try (writer; Watch onWorker = new Watch(worker, alice, id); Watch onOther = new Watch(other(worker), alice, id)) {
            onWorker.await("creating");
            onOther.await("creating");
            writer.write(randomBytes(64 * 1024, 2));
            writer.close();

            // The worker's own watch hears of the end as it commits; the other instance reads it.
            Instant done = onWorker.await("active");
            Duration lag = Duration.between(done, onOther.await("active"));
            System.out.println("ClusterIT: the other instance's watch saw the job end " + lag.toMillis() + " ms later");
            assertThat(lag).isLessThanOrEqualTo(Duration.ofMillis(1500));
        }
    }

    @Test
    @Order(5)
    void aJobWhoseInstanceIsKilledIsFinishedByTheOtherAfterTheLease() throws Exception {
        String id = createFromSlowMachine("survivor");
        PackagedServer worker;
        PackagedServer survivor;
        Instant killed;
        try (SlowDisk first = SlowDisk.open(disk, PATIENCE)) {
            worker = worker();
            survivor = other(worker);
            // A lease and more of the worker reading slowly: its heartbeat keeps the job its own.
            Instant until = Instant.now().plus(LEASE).plusSeconds(1);
            while (Instant.now().isBefore(until)) {
                first.write(randomBytes(4096, 3));
                assertThat(survivor.hasOpen(disk)).as("the other instance took a job whose worker is alive").isFalse();
                Thread.sleep(200);
            }
            worker.kill();
            killed = Instant.now();
        }

        byte[] content = randomBytes(256 * 1024, 4);
        Duration takeover;
        try (SlowDisk second = SlowDisk.open(disk, LEASE.plus(PATIENCE))) {
            takeover = Duration.between(killed, Instant.now());
            assertThat(survivor.hasOpen(disk)).isTrue();
            second.write(content);
        }

        System.out.println("ClusterIT: the job was taken over " + takeover.toMillis() + " ms after the kill");
        assertThat(takeover).as("taken over before the lease ran out").isGreaterThan(LEASE.dividedBy(2));
        assertThat(survivor.awaitCreated(alice, id)).isEqualTo("active");
        HttpResponse<byte[]> file = survivor.request(alice, "GET", "/alice/images/" + id + "/file", null);
        assertThat(file.statusCode()).isEqualTo(200);
        try (InputStream unpacked = new GZIPInputStream(new ByteArrayInputStream(file.body()))) {
            assertThat(unpacked.readAllBytes()).isEqualTo(content);
        }
        assertThat(metrics(survivor)).containsPattern("(?m)^images_jobs_retried_total(\\{[^}]*\\})? 1\\.0$");
    }

    // ---- helpers

    private static PackagedServer instance(String name, Map<String, String> environment) {
        PackagedServer instance = PackagedServer.create(name).set("images.jobs.lease", LEASE.toSeconds() + "s");
        environment.forEach(instance::env);
        return instance;
    }

    private String addMachine(String name, Path machineDisk, String origin) {
        Result added = a.adminOk("machine", "add", "alice", "--name", name, "--disk", machineDisk.toString(),
                "--image", origin, "--state", "stopped");
        Matcher id = UUIDS.matcher(added.stdout());
        assertThat(id.find()).as(added.toString()).isTrue();
        return id.group();
    }

    private static String writeManifest(Path folder, ClientAccount owner, String name) throws IOException {
        String id = UUID.randomUUID().toString();
        Files.writeString(folder.resolve(id + ".json"), JSON.writeValueAsString(Map.of("v", 2, "uuid", id,
                "owner", owner.id().toString(), "name", name, "version", "1.0.0", "os", "smartos",
                "type", "zone-dataset")));
        return id;
    }

    private String createFromSlowMachine(String name) throws IOException {
        HttpResponse<byte[]> created = a.request(alice, "POST", "/alice/images",
                JSON.writeValueAsString(Map.of("machine", slowMachine, "name", name, "version", "1.0.0")));
        assertThat(created.statusCode()).as(text(created)).isEqualTo(201);
        return String.valueOf(PackagedServer.jsonObject(created).get("id"));
    }

    /** The instance whose job reads the slow disk now: exactly one. */
    private PackagedServer worker() {
        boolean onA = a.hasOpen(disk);
        boolean onB = b.hasOpen(disk);
        assertThat(onA ^ onB).as("one instance reads the disk (A: %s, B: %s)", onA, onB).isTrue();
        return onA ? a : b;
    }

    private PackagedServer other(PackagedServer instance) {
        return instance == a ? b : a;
    }

    private static Object valueOf(String field, String id) {
        String tail = id.substring(0, 8);
        return switch (field) {
            case "homepage", "eula" -> "https://example.com/" + field + "/" + tail;
            case "tags" -> Map.of("cluster", tail);
            case "version" -> "2.0.0-" + tail;
            default -> field + " " + tail;
        };
    }

    private static String metrics(PackagedServer instance) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(instance.url() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String text(HttpResponse<byte[]> response) {
        return response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8);
    }

    private static Result ok(Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    /** The writing end of a FIFO disk, opened once an instance's job opens the reading end. */
    private static final class SlowDisk implements AutoCloseable {

        private final OutputStream out;

        private SlowDisk(OutputStream out) {
            this.out = out;
        }

        static SlowDisk open(Path fifo, Duration patience) throws Exception {
            CompletableFuture<OutputStream> opening = CompletableFuture.supplyAsync(() -> {
                try {
                    return Files.newOutputStream(fifo);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try {
                return new SlowDisk(opening.get(patience.toMillis(), TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                // No job read the disk: a reader of our own lets the blocked open return.
                try (InputStream release = Files.newInputStream(fifo)) {
                    opening.join().close();
                }
                throw new AssertionError("no instance read the machine's disk within " + patience);
            }
        }

        void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** A WatchImage call on one instance: when each state first arrived. */
    private static final class Watch implements AutoCloseable {

        private final ManagedChannel channel;
        private final Map<String, Instant> arrived = new ConcurrentHashMap<>();
        private volatile Throwable failure;

        Watch(PackagedServer instance, ClientAccount account, String id) {
            channel = ManagedChannelBuilder.forAddress("127.0.0.1", instance.grpcPort()).usePlaintext().build();
            SigningInterceptor signer = SigningInterceptor.signingWith(
                    text -> ClientKeys.sign(account.privateKeyFile(), text),
                    "/" + account.login() + "/keys/" + account.keyId());
            ImageServiceGrpc.newStub(channel).withInterceptors(signer).watchImage(
                    WatchImageRequest.newBuilder().setLogin(account.login()).setId(id).build(),
                    new StreamObserver<>() {
                        @Override
                        public void onNext(ImageStateChange change) {
                            arrived.putIfAbsent(change.getImage().getState(), Instant.now());
                        }

                        @Override
                        public void onError(Throwable error) {
                            failure = error;
                        }

                        @Override
                        public void onCompleted() {
                        }
                    });
        }

        Instant await(String state) throws InterruptedException {
            Instant deadline = Instant.now().plus(PATIENCE);
            while (!arrived.containsKey(state)) {
                assertThat(failure).as("the watch failed").isNull();
                assertThat(Instant.now()).as("the watch never saw " + state + ": " + arrived).isBefore(deadline);
                Thread.sleep(10);
            }
            return arrived.get(state);
        }

        @Override
        public void close() {
            channel.shutdownNow();
        }
    }
}
