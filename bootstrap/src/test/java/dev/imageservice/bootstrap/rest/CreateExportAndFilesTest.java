package dev.imageservice.bootstrap.rest;

import static dev.imageservice.bootstrap.rest.ProtocolErrorsTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.application.port.out.Machines;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.machine.Machine;
import dev.imageservice.domain.machine.MachineState;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * CreateImageFromMachine, GetImageFile, ExportImage and the machine and datacenter endpoints
 * over HTTP, against the real job worker and stores.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CreateExportAndFilesTest {

    @Inject
    TestData data;
    @Inject
    Machines machines;

    private Caller alice;
    private Caller bob;
    private byte[] disk;
    private Machine aliceMachine;
    private Machine bobMachine;
    private String createdImage;

    @BeforeAll
    void seed() throws Exception {
        alice = Caller.create(data, "creator");
        bob = Caller.create(data, "other");
        Caller operator = Caller.create(data, "admin", true);
        UUID base = data.image(operator.account(), "base").publicImage().add().id();
        disk = new byte[1 << 20];
        new Random(7).nextBytes(disk);
        Path diskFile = Files.createTempFile("disk", ".img");
        Files.write(diskFile, disk);
        aliceMachine = machine(alice, "web-1", base, diskFile);
        machine(alice, "web-2", base, diskFile);
        bobMachine = machine(bob, "web-1", base, diskFile);
    }

    /** One image made from alice's machine, created over HTTP on first use (the port is known only in tests). */
    private String createdImage() {
        if (createdImage == null) {
            createdImage = createAndAwait(alice, aliceMachine.id().toString(), "snap", "1.0.0");
        }
        return createdImage;
    }

    @Test
    void machinesAreListedForTheirOwnerOnly() {
        Response all = alice.signed().get("/my/machines");
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.jsonPath().getList("name")).containsExactly("web-1", "web-2");
        assertThat(all.header("x-resource-count")).isEqualTo("2");

        Response named = alice.signed().queryParam("name", "web-2").queryParam("limit", 1000)
                .queryParam("offset", 0).get("/my/machines");
        assertThat(named.jsonPath().getList("name")).containsExactly("web-2");
        assertThat(alice.signed().queryParam("limit", 1).queryParam("offset", 1).get("/my/machines")
                .jsonPath().getList("name")).containsExactly("web-2");

        Response one = alice.signed().get("/my/machines/" + aliceMachine.id());
        assertThat(one.jsonPath().getString("id")).isEqualTo(aliceMachine.id().toString());
        assertThat(one.jsonPath().getString("state")).isEqualTo("stopped");
        assertError(alice.signed().get("/my/machines/" + bobMachine.id()), 404, "ResourceNotFound");
        assertError(alice.signed().queryParam("limit", 0).get("/my/machines"), 409, "InvalidArgument");
    }

    @Test
    void datacentersNameThisOne() {
        Response response = alice.signed().get("/my/datacenters");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("Triton-Datacenter-Name")).isEqualTo("local");
        assertThat(response.jsonPath().getMap("")).containsKey("local");
    }

    @Test
    void creationAnswers201WithTheJobAndAPlaceholder() {
        Response response = alice.signed().contentType("application/json")
                .body(Map.of("machine", aliceMachine.id().toString(), "name", "placeholder", "version", "2.0.0",
                        "tags", Map.of("role", "web")))
                .post("/my/images");

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
        String id = response.jsonPath().getString("id");
        assertThat(response.header("Location")).isEqualTo("/" + alice.login() + "/images/" + id);
        assertThat(UUID.fromString(response.header("x-joyent-jobid"))).isNotNull();
        assertThat(response.jsonPath().getString("state")).isEqualTo("creating");
        assertThat(response.jsonPath().getString("name")).isEqualTo("placeholder");
        assertThat(response.jsonPath().getMap("requirements")).isNotNull();
        // Visible to its owner at once, to nobody else.
        assertThat(alice.signed().get("/my/images/" + id).jsonPath().getString("id")).isEqualTo(id);
        assertError(bob.signed().get("/my/images/" + id), 404, "ResourceNotFound");
    }

    @Test
    void creationErrorsFollowTheReference() {
        assertError(post(alice, Map.of("name", "n", "version", "1")), 409, "MissingParameter");
        assertError(post(alice, Map.of("machine", bobMachine.id().toString(), "name", "n", "version", "1")),
                422, "InvalidParameter");
        Response invalid = post(alice, Map.of("machine", aliceMachine.id().toString(), "name", "bad name!",
                "version", "1", "acl", "not-a-uuid"));
        assertError(invalid, 422, "ValidationFailed");
        assertThat(invalid.jsonPath().getList("errors.field")).containsExactlyInAnyOrder("name", "acl");
    }

    @Test
    void theFileStreamsWithItsDigests() throws Exception {
        Response image = alice.signed().get("/my/images/" + createdImage());
        Response file = alice.signed().get("/my/images/" + createdImage() + "/file");

        assertThat(file.statusCode()).isEqualTo(200);
        byte[] bytes = file.asByteArray();
        assertThat(file.header("Content-Length")).isEqualTo(String.valueOf(bytes.length));
        assertThat(bytes.length).isEqualTo(image.jsonPath().getLong("files[0].size"));
        assertThat(hex("SHA-1", bytes)).isEqualTo(image.jsonPath().getString("files[0].sha1"));
        assertThat(file.header("Content-MD5"))
                .isEqualTo(Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes)));
        assertThat(new GZIPInputStream(new java.io.ByteArrayInputStream(bytes)).readAllBytes()).isEqualTo(disk);
        assertError(bob.signed().get("/my/images/" + createdImage() + "/file"), 404, "ResourceNotFound");
    }

    @Test
    void anExportToADirectoryIsNamedAfterTheImageAndReadableByItsOwnerOnly() throws Exception {
        Response export = alice.signed().contentType("application/json")
                .body(Map.of("action", "export", "manta_path", "/" + alice.login() + "/stor"))
                .post("/my/images/" + createdImage());

        assertThat(export.statusCode()).as(export.asString()).isEqualTo(200);
        String imagePath = export.jsonPath().getString("image_path");
        String manifestPath = export.jsonPath().getString("manifest_path");
        assertThat(imagePath).isEqualTo("/" + alice.login() + "/stor/snap-1.0.0.zfs.gz");
        assertThat(manifestPath).isEqualTo("/" + alice.login() + "/stor/snap-1.0.0.imgmanifest");
        assertThat(export.jsonPath().getString("manta_url")).startsWith("http");

        byte[] exported = alice.signed().get(imagePath).asByteArray();
        String sha1 = alice.signed().get("/my/images/" + createdImage()).jsonPath().getString("files[0].sha1");
        assertThat(hex("SHA-1", exported)).isEqualTo(sha1);
        Response manifest = alice.signed().get(manifestPath);
        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(manifest.jsonPath().getString("uuid")).isEqualTo(createdImage());
        assertThat(manifest.jsonPath().getString("files[0].sha1")).isEqualTo(sha1);
        assertError(bob.signed().get(imagePath), 404, "ResourceNotFound");
    }

    @Test
    void anExportToAnotherPathUsesItAsAPrefix() {
        String path = "/" + alice.login() + "/stor/backups/my-image";
        Response export = alice.signed()
                .post("/my/images/" + createdImage() + "?action=export&manta_path=" + path);

        assertThat(export.statusCode()).as(export.asString()).isEqualTo(200);
        assertThat(export.jsonPath().getString("image_path")).isEqualTo(path + ".zfs.gz");
        assertThat(export.jsonPath().getString("manifest_path")).isEqualTo(path + ".imgmanifest");
        assertThat(alice.signed().get(path + ".zfs.gz").statusCode()).isEqualTo(200);
    }

    @Test
    void exportErrorsFollowTheReference() {
        UUID shared = data.image(bob.account(), "shared").sharedWith(alice.account()).add().id();
        UUID pending = data.image(alice.account(), "pending").state(ImageState.UNACTIVATED).add().id();

        assertError(alice.signed().post("/my/images/" + createdImage() + "?action=export"), 409, "MissingParameter");
        assertError(alice.signed().post("/my/images/" + shared + "?action=export&manta_path=/" + alice.login()
                + "/stor/x"), 422, "NotImageOwner");
        assertError(alice.signed().post("/my/images/" + createdImage() + "?action=export&manta_path=/"
                + bob.login() + "/stor/x"), 422, "NotMantaPathOwner");
        assertError(alice.signed().post("/my/images/" + pending + "?action=export&manta_path=/" + alice.login()
                + "/stor/x"), 422, "ValidationFailed");
    }

    /** Paths no store could hold are the client's error, never a file-system failure (once a 500). */
    @Test
    void unusableMantaPathsAreRefusedBeforeAnyStoreSeesThem() {
        String stor = "/" + alice.login() + "/stor/";
        for (String path : new String[] {stor + "%00x", stor + "a%01b", stor + "x".repeat(3000),
                stor + "x".repeat(250), stor + ("x".repeat(200) + "/").repeat(5) + "y", stor + "a/%252E%252E/b", stor + "a%5Cb", stor + "./a"}) {
            Response export = alice.signed().urlEncodingEnabled(false)
                    .post("/my/images/" + createdImage() + "?action=export&manta_path=" + path);
            assertError(export, 409, "InvalidArgument");
        }
        // An object where a directory must be, and a directory where an object must be: nothing written.
        String object = stor + "clash";
        assertThat(export(object).statusCode()).isEqualTo(200);
        assertError(export(object + ".imgmanifest/below"), 409, "InvalidArgument");
        assertThat(export(stor + "dir.imgmanifest/inside").statusCode()).isEqualTo(200);
        assertError(export(stor + "dir"), 409, "InvalidArgument");
        assertError(alice.signed().get(stor + "dir.zfs.gz"), 404, "ResourceNotFound");
        for (String read : new String[] {"public/%00", "stor/%00x", "stor/" + "x".repeat(3000), "stor/a%5Cb"}) {
            assertError(alice.signed().urlEncodingEnabled(false).get("/" + alice.login() + "/" + read),
                    404, "ResourceNotFound");
        }
    }

    private Response export(String mantaPath) {
        return alice.signed().post("/my/images/" + createdImage() + "/export?manta_path=" + mantaPath);
    }

    private String createAndAwait(Caller caller, String machine, String name, String version) {
        Response created = post(caller, Map.of("machine", machine, "name", name, "version", version));
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        String id = created.jsonPath().getString("id");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            String state = caller.signed().get("/my/images/" + id).jsonPath().getString("state");
            if (!state.equals("creating")) {
                assertThat(state).isEqualTo("active");
                return id;
            }
            sleep();
        }
        throw new AssertionError("image " + id + " never finished");
    }

    private static Response post(Caller caller, Map<String, Object> body) {
        return caller.signed().contentType("application/json").body(body).post("/my/images");
    }

    private Machine machine(Caller owner, String name, UUID image, Path disk) {
        Machine machine = new Machine(UUID.randomUUID(), name, owner.account().id(), MachineState.STOPPED, "joyent",
                image, disk.toString());
        QuarkusTransaction.requiringNew().run(() -> machines.add(machine));
        return machine;
    }

    private static String hex(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
