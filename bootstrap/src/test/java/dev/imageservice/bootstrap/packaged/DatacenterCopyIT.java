package dev.imageservice.bootstrap.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imageservice.bootstrap.packaged.PackagedServer.ClientAccount;
import dev.imageservice.bootstrap.packaged.PackagedServer.Result;
import dev.imageservice.bootstrap.packaged.PackagedServer.SeededImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two packaged instances, "east" and "west", that know each other: {@code triton image copy} and
 * ImportImageFromDatacenter from east (source) to west (target). West reads from east as east's
 * operator "admin" (its key file in east's folder); alice and admin exist in both, with the same ids.
 * The test that kills east runs last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatacenterCopyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BIG_SIZE = 48 << 20;

    /** Threads for the seeding lanes and the import that is cut off. */
    private final ExecutorService lanes = Executors.newCachedThreadPool();
    private PackagedServer east;
    private PackagedServer west;
    private ClientAccount admin;
    private ClientAccount alice;

    /** Operator-owned, public; the same uuid in both datacenters. */
    private SeededImage base;
    /** alice: p1 (origin base) and p2 (origin p1), for triton image copy. */
    private SeededImage p1;
    private SeededImage p2;
    /** alice: c1 (origin base), c2, c3. */
    private SeededImage c1;
    private SeededImage c2;
    private SeededImage c3;
    /** alice, disabled in east. */
    private SeededImage disabled;
    /** admin, private: alice cannot see it. */
    private SeededImage hidden;
    /** admin, public, in east only; orphan (alice) has it as origin. */
    private SeededImage eastOnlyBase;
    private SeededImage orphan;
    /** admin, public: active in east, disabled in west; offChild (alice) has it as origin. */
    private SeededImage offBase;
    private SeededImage offChild;
    /** alice: bigMid (origin base), big (origin bigMid, BIG_SIZE random bytes). */
    private SeededImage bigMid;
    private SeededImage big;
    private byte[] bigMidContent;
    private byte[] bigContent;

    @BeforeAll
    void startAndSeed() {
        Instant began = Instant.now();
        east = PackagedServer.create("east");
        west = PackagedServer.create("west");
        east.set("images.datacenter.name", "east").set("images.datacenters.west.url", west.url());
        west.set("images.datacenter.name", "west").set("images.datacenters.east.url", east.url())
                .set("images.operator.login", "admin")
                // addAccount puts admin's key pair here; west loads it on its first peer request.
                .set("images.operator.key", east.folder().resolve("home-admin/.ssh/id_rsa").toString());
        // Every admin command is a JVM start of several seconds: west, and east's two independent
        // groups of images, are seeded side by side while the servers run (they hold the databases).
        CompletableFuture<Void> westStarted = CompletableFuture.runAsync(west::start, lanes);
        east.start();
        admin = east.addAccount("admin", true);
        alice = east.addAccount("alice", false);

        String baseId = newId();
        String offBaseId = newId();
        byte[] baseContent = content("base");
        byte[] offBaseContent = content("off-base");
        CompletableFuture<Void> westSeeded = westStarted.thenRunAsync(() -> {
            west.addExistingAccount(admin, true);
            west.addExistingAccount(alice, false);
            west.importImage(baseFields(baseId, "base", "2020-01-01T00:00:00Z"), baseContent);
            Map<String, Object> off = baseFields(offBaseId, "off-base", "2020-01-02T00:00:00Z");
            off.put("state", "disabled");
            west.importImage(off, offBaseContent);
        }, lanes);
        CompletableFuture<SeededImage> eastBase = CompletableFuture.supplyAsync(
                () -> east.importImage(baseFields(baseId, "base", "2020-01-01T00:00:00Z"), baseContent), lanes);
        CompletableFuture<Void> eastSecondLane = CompletableFuture.runAsync(() -> {
            offBase = east.importImage(baseFields(offBaseId, "off-base", "2020-01-02T00:00:00Z"), offBaseContent);
            offChild = seedAlice("off-child", offBase, "2021-03-03T00:00:00Z", Map.of());
            eastOnlyBase = east.importImage(baseFields(newId(), "east-only", "2020-01-03T00:00:00Z"),
                    content("east-only"));
            orphan = seedAlice("orphan", eastOnlyBase, "2021-03-02T00:00:00Z", Map.of());
            Map<String, Object> hiddenFields = baseFields(newId(), "hidden", "2020-01-04T00:00:00Z");
            hiddenFields.put("public", false);
            hidden = east.importImage(hiddenFields, content("hidden"));
            bigMidContent = content("big-mid");
            bigMid = east.importImage(aliceFields("big-mid", eastBase.join(), "2021-04-01T00:00:00Z"), bigMidContent);
            bigContent = new byte[BIG_SIZE];
            new Random(42).nextBytes(bigContent);
            big = east.importImage(aliceFields("big", bigMid, "2021-04-02T00:00:00Z"), bigContent);
        }, lanes);
        base = eastBase.join();
        p1 = seedAlice("p1", base, "2021-01-01T00:00:00.100Z", Map.of());
        p2 = seedAlice("p2", p1, "2021-01-02T00:00:00Z", Map.of("description", "copied by triton"));
        c1 = seedAlice("c1", base, "2021-02-01T00:00:00Z", Map.of());
        c2 = seedAlice("c2", c1, "2021-02-02T00:00:00Z", Map.of());
        c3 = seedAlice("c3", c2, "2021-02-03T00:00:00Z", Map.of());
        disabled = seedAlice("disabled", base, "2021-03-01T00:00:00Z", Map.of("state", "disabled"));
        eastSecondLane.join();
        westSeeded.join();
        System.out.printf("DatacenterCopyIT: seeded and started in %d s%n",
                Duration.between(began, Instant.now()).toSeconds());
    }

    @AfterAll
    void stop() {
        lanes.shutdownNow();
        if (east != null) {
            east.stop();
        }
        if (west != null) {
            west.stop();
        }
    }

    // ---- copies

    @Test
    @Order(1)
    void tritonImageCopyBringsTheImageAndTheCallersOriginsToTheOtherDatacenter() {
        Result copy = east.triton(alice, "image", "copy", p2.id().toString(), "west");
        assertThat(copy.exitCode()).as(copy.toString()).isZero();

        Map<String, Object> copiedP1 = westImage(p1);
        Map<String, Object> copiedP2 = westImage(p2);
        assertCopied(copiedP1, p1, base);
        assertCopied(copiedP2, p2, p1);
        assertThat(copiedP2.get("description")).isEqualTo("copied by triton");
        // The operator's base was not copied: it is the one west already had.
        assertThat(westImage(base).get("published_at")).isEqualTo("2020-01-01T00:00:00Z");

        HttpResponse<byte[]> file = west.request(alice, "GET", "/my/images/" + p2.id() + "/file", null);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(PackagedServer.sha1(file.body())).isEqualTo(sha1Of(copiedP2)).isEqualTo(sha1Of(p2.manifest()));
    }

    @Test
    @Order(1)
    void aChainOfThreeArrivesWithOneCallAndCannotBeImportedTwice() {
        HttpResponse<byte[]> imported = importOnWest(c3.id().toString(), "east");
        assertThat(imported.statusCode()).as(text(imported)).isEqualTo(200);
        Map<String, Object> body = json(imported);
        assertThat(body).containsEntry("id", c3.id().toString()).containsEntry("name", "c3")
                .containsEntry("version", "1.0.0").containsEntry("state", "active");

        assertCopied(westImage(c1), c1, base);
        assertCopied(westImage(c2), c2, c1);
        assertCopied(westImage(c3), c3, c2);

        assertError(importOnWest(c3.id().toString(), "east"), 409, "ImageUuidAlreadyExists");
        assertError(importOnWest(c1.id().toString(), "east"), 409, "ImageUuidAlreadyExists");
    }

    // ---- refusals, in the order they are checked

    @Test
    @Order(1)
    void withoutADatacenterOrAnIdTheParameterIsMissing() {
        assertError(west.request(alice, "POST", "/" + alice.login() + "/images?action=import-from-datacenter&id="
                + c1.id(), "{}"), 409, "MissingParameter");
        assertError(west.request(alice, "POST", "/" + alice.login()
                + "/images?action=import-from-datacenter&datacenter=east", "{}"), 409, "MissingParameter");
    }

    @Test
    @Order(1)
    void anIdThatIsNoUuidIsAnInvalidArgument() {
        assertError(importOnWest("not-a-uuid", "east"), 409, "InvalidArgument");
    }

    @Test
    @Order(1)
    void anUnknownDatacenterOrThisOneFailsValidation() {
        assertError(importOnWest(p1.id().toString(), "north"), 422, "ValidationFailed");
        assertError(importOnWest(p1.id().toString(), "west"), 422, "ValidationFailed");
    }

    @Test
    @Order(1)
    void anImageTheCallerCannotSeeInTheSourceIsNotFound() {
        // West reads as east's operator, yet only what alice may see is found.
        assertError(importOnWest(hidden.id().toString(), "east"), 404, "ResourceNotFound");
        assertError(importOnWest(UUID.randomUUID().toString(), "east"), 404, "ResourceNotFound");
        assertNotInWest(hidden);
    }

    @Test
    @Order(1)
    void anImageThatIsNotActiveFailsValidation() {
        assertError(importOnWest(disabled.id().toString(), "east"), 422, "ValidationFailed");
        assertNotInWest(disabled);
    }

    @Test
    @Order(1)
    void onlyTheOwnerMayCopyAnImage() {
        // The public base is visible to alice (and held by west too: ownership is checked first).
        assertError(importOnWest(eastOnlyBase.id().toString(), "east"), 401, "UnauthorizedError");
        assertError(importOnWest(base.id().toString(), "east"), 401, "UnauthorizedError");
        assertNotInWest(eastOnlyBase);
    }

    @Test
    @Order(1)
    void anOriginThatIsNotActiveHereStopsTheCopy() {
        assertError(importOnWest(offChild.id().toString(), "east"), 422, "OriginIsNotActive");
        assertNotInWest(offChild);
    }

    @Test
    @Order(1)
    void anOriginOfAnotherOwnerMissingHereIsNotFound() {
        assertError(importOnWest(orphan.id().toString(), "east"), 404, "ResourceNotFound");
        assertNotInWest(orphan);
        assertNotInWest(eastOnlyBase);
    }

    // ---- failure: runs last, it kills east

    @Test
    @Order(2)
    void aSourceDyingMidTransferLeavesNothingBehind() throws Exception {
        Path tmp = west.dataDir().resolve("files/tmp");
        Set<Path> blobsBefore = blobs();

        CompletableFuture<HttpResponse<byte[]>> importing =
                CompletableFuture.supplyAsync(() -> importOnWest(big.id().toString(), "east"), lanes);
        // bigMid (tiny) comes first; the big file is under way once a large part of it is in tmp.
        Instant started = Instant.now();
        long seen = awaitPartialFile(tmp, 1 << 20, importing);
        east.kill();
        System.out.printf("DatacenterCopyIT: killed east %d ms into the import, %d of %d bytes in west's tmp%n",
                Duration.between(started, Instant.now()).toMillis(), seen, BIG_SIZE);

        HttpResponse<byte[]> failed = importing.get(2, TimeUnit.MINUTES);
        assertError(failed, 503, "RemoteSourceError");
        assertNotInWest(big);
        assertNotInWest(bigMid);
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.toList()).as("partial files left in %s", tmp).isEmpty();
        }
        assertThat(blobs()).as("content left under files/sha256").isEqualTo(blobsBefore)
                .doesNotContain(blobPath(bigMidContent), blobPath(bigContent));
    }

    // ---- helpers

    private SeededImage seedAlice(String name, SeededImage origin, String publishedAt, Map<String, Object> more) {
        Map<String, Object> fields = aliceFields(name, origin, publishedAt);
        fields.putAll(more);
        return east.importImage(fields, content(name));
    }

    private Map<String, Object> aliceFields(String name, SeededImage origin, String publishedAt) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("owner", alice.id().toString());
        fields.put("name", name);
        fields.put("version", "1.0.0");
        fields.put("type", "zone-dataset");
        fields.put("os", "smartos");
        fields.put("origin", origin.id().toString());
        fields.put("published_at", publishedAt);
        return fields;
    }

    private Map<String, Object> baseFields(String id, String name, String publishedAt) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("uuid", id);
        fields.put("owner", admin.id().toString());
        fields.put("name", name);
        fields.put("version", "1.0.0");
        fields.put("type", "zone-dataset");
        fields.put("os", "smartos");
        fields.put("public", true);
        fields.put("published_at", publishedAt);
        return fields;
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static byte[] content(String name) {
        return ("the file of " + name + " " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<byte[]> importOnWest(String id, String datacenter) {
        return west.request(alice, "POST", "/" + alice.login() + "/images?action=import-from-datacenter&datacenter="
                + datacenter + "&id=" + id, "{}");
    }

    /** The image as alice sees it in west; it must be there. */
    private Map<String, Object> westImage(SeededImage image) {
        HttpResponse<byte[]> got = west.request(alice, "GET", "/my/images/" + image.id(), null);
        assertThat(got.statusCode()).as("GET %s in west: %s", image.id(), text(got)).isEqualTo(200);
        return json(got);
    }

    private void assertNotInWest(SeededImage image) {
        HttpResponse<byte[]> got = west.request(alice, "GET", "/my/images/" + image.id(), null);
        assertThat(got.statusCode()).as("GET %s in west: %s", image.id(), text(got)).isEqualTo(404);
    }

    /** Same id, owner and published_at as in east, active, on top of {@code origin}. */
    private void assertCopied(Map<String, Object> copy, SeededImage original, SeededImage origin) {
        assertThat(copy).containsEntry("id", original.id().toString())
                .containsEntry("owner", alice.id().toString())
                .containsEntry("name", original.manifest().get("name"))
                .containsEntry("published_at", original.manifest().get("published_at"))
                .containsEntry("state", "active")
                .containsEntry("origin", origin.id().toString());
        assertThat(sha1Of(copy)).isEqualTo(sha1Of(original.manifest()));
    }

    private static void assertError(HttpResponse<byte[]> response, int status, String code) {
        assertThat(response.statusCode()).as(text(response)).isEqualTo(status);
        assertThat(json(response).get("code")).as(text(response)).isEqualTo(code);
    }

    @SuppressWarnings("unchecked")
    private static String sha1Of(Map<String, Object> image) {
        List<Map<String, Object>> files = (List<Map<String, Object>>) image.get("files");
        return String.valueOf(files.get(0).get("sha1"));
    }

    private static Map<String, Object> json(HttpResponse<byte[]> response) {
        try {
            return JSON.readValue(response.body(), new TypeReference<>() { });
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text(response), e);
        }
    }

    private static String text(HttpResponse<byte[]> response) {
        return response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8);
    }

    /** The size of the first file seen in {@code tmp} above {@code bytes}; the import must not end before. */
    private static long awaitPartialFile(Path tmp, long bytes, CompletableFuture<?> importing)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (Instant.now().isBefore(deadline)) {
            assertThat(importing).as("the import ended before its big file was under way").isNotDone();
            try (Stream<Path> files = Files.list(tmp)) {
                long largest = files.mapToLong(DatacenterCopyIT::sizeOf).max().orElse(0);
                if (largest > bytes) {
                    return largest;
                }
            } catch (IOException e) {
                // tmp is made by the first transfer
            }
            Thread.sleep(2);
        }
        throw new AssertionError("no transfer seen in " + tmp);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // gone meanwhile
        }
    }

    private Set<Path> blobs() {
        Path root = west.dataDir().resolve("files/sha256");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(root::relativize).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path blobPath(byte[] content) {
        try {
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            return Path.of(sha256.substring(0, 2), sha256);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
