package dev.imageservice.bootstrap.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imageservice.bootstrap.rest.TestKey;
import dev.imageservice.client.ApiClient;
import dev.imageservice.client.ApiException;
import dev.imageservice.client.ApiResponse;
import dev.imageservice.client.api.AccountApi;
import dev.imageservice.client.api.DatacentersApi;
import dev.imageservice.client.api.ExportedObjectsApi;
import dev.imageservice.client.api.ImagesApi;
import dev.imageservice.client.api.MachinesApi;
import dev.imageservice.client.model.Account;
import dev.imageservice.client.model.CreateImageFromMachineRequest;
import dev.imageservice.client.model.Error;
import dev.imageservice.client.model.Image;
import dev.imageservice.client.model.ImageAction200Response;
import dev.imageservice.client.model.ImageActionRequest;
import dev.imageservice.client.model.Machine;
import dev.imageservice.client.model.MantaLocation;
import dev.imageservice.client.model.UpdateImageRequest;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Java client generated from the build's OpenAPI document ({@code dev.imageservice.client},
 * library native), signing with {@link HttpSignatureInterceptor}, against the packaged service:
 * all eight image operations with their typed inputs and outputs, plus the account, machine,
 * datacenter, file and exported-object reads. Seeded through the admin commands (accounts, an
 * image); the machine that CreateImageFromMachine snapshots is written straight into the H2
 * database, since no admin command registers machines yet.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GeneratedClientIT {

    private static final Pattern ADDED = Pattern.compile("added account \\S+ \\(([0-9a-f-]{36})");
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static ServiceProcess service;
    private static Caller alice;
    private static Caller bob;
    private static UUID baseImage;
    private static UUID machine;
    private static byte[] baseFile;

    private record Caller(String login, UUID id, ImagesApi images, ApiClient client) {
    }

    @BeforeAll
    static void startAndSeed() throws Exception {
        service = ServiceProcess.create("openapi-client");
        TestKey aliceKey = TestKey.generate();
        TestKey bobKey = TestKey.generate();
        UUID aliceId = addAccount("alice", aliceKey);
        UUID bobId = addAccount("bob", bobKey);

        baseFile = new byte[64 * 1024];
        new Random(8).nextBytes(baseFile);
        baseImage = UUID.randomUUID();
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("v", 2);
        manifest.put("uuid", baseImage.toString());
        manifest.put("owner", aliceId.toString());
        manifest.put("name", "openapi-base");
        manifest.put("version", "1.0.0");
        manifest.put("os", "smartos");
        manifest.put("type", "zone-dataset");
        manifest.put("acl", List.of(bobId.toString()));
        manifest.put("files", List.of(Map.of("sha1", hex("SHA-1", baseFile), "size", baseFile.length,
                "compression", "gzip")));
        Path manifestFile = service.folder().resolve("base.json");
        Path imageFile = service.folder().resolve("base.zfs.gz");
        Files.writeString(manifestFile, new ObjectMapper().writeValueAsString(manifest));
        Files.write(imageFile, baseFile);
        service.admin("image", "import", manifestFile.toString(), "--file", imageFile.toString());

        machine = registerMachine(aliceId, "openapi-vm", baseImage);
        service.start();

        alice = caller("alice", aliceId, aliceKey);
        bob = caller("bob", bobId, bobKey);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    // ---- the eight image operations

    @Test
    @Order(1)
    void listImages() throws ApiException {
        List<Image> images = alice.images().listImages("my", null, null, null, null, null, null, null, null, null);

        assertThat(images).extracting(Image::getId).contains(baseImage);
        Image base = images.stream().filter(image -> image.getId().equals(baseImage)).findFirst().orElseThrow();
        assertThat(base.getState()).isEqualTo(Image.StateEnum.ACTIVE);
        assertThat(base.getType()).isEqualTo(Image.TypeEnum.ZONE_DATASET);
        assertThat(base.getOs()).isEqualTo(Image.OsEnum.SMARTOS);
        assertThat(base.getAcl()).containsExactly(bob.id());
        assertThat(base.getFiles()).singleElement().satisfies(file -> {
            assertThat(file.getSize()).isEqualTo(baseFile.length);
            assertThat(file.getCompression()).isEqualTo(dev.imageservice.client.model.ImageFile.CompressionEnum.GZIP);
        });

        List<Image> filtered = alice.images().listImages("my", "openapi-base", null, alice.id(), false, "all", null,
                "1.0.0", "~9", null);
        assertThat(filtered).extracting(Image::getId).containsExactly(baseImage);
    }

    @Test
    @Order(2)
    void getImage() throws ApiException {
        ApiResponse<Image> response = alice.images().getImageWithHttpInfo(alice.login(), baseImage, "~8", null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getData().getName()).isEqualTo("openapi-base");
        assertThat(response.getData().getOwner()).isEqualTo(alice.id());
        assertThat(response.getData().getPublishedAt()).isNotNull();
        assertThat(response.getHeaders()).containsEntry("api-version", List.of("8.0.0"));
        assertThat(response.getHeaders()).containsKeys("request-id", "response-time");
    }

    @Test
    @Order(3)
    void updateImage() throws ApiException {
        Image updated = alice.images().updateImage("my", baseImage, new UpdateImageRequest()
                .description("updated through the generated client")
                .homepage("https://example.com/openapi-base")
                .tags(Map.of("role", "base", "generation", 2)), null, null);

        assertThat(updated.getId()).isEqualTo(baseImage);
        assertThat(updated.getDescription()).isEqualTo("updated through the generated client");
        assertThat(updated.getHomepage()).isEqualTo("https://example.com/openapi-base");
        assertThat(updated.getTags()).containsEntry("role", "base").containsEntry("generation", 2);
        assertThat(updated.getAcl()).containsExactly(bob.id());
    }

    @Test
    @Order(4)
    void exportImage() throws Exception {
        MantaLocation location = alice.images().exportImage("my", baseImage, "/alice/stor/openapi-base", null, null);

        assertThat(location.getMantaUrl()).isEqualTo(service.url());
        assertThat(location.getManifestPath()).isEqualTo("/alice/stor/openapi-base.imgmanifest");
        assertThat(location.getImagePath()).isEqualTo("/alice/stor/openapi-base.zfs.gz");

        ExportedObjectsApi objects = new ExportedObjectsApi(alice.client());
        File manifest = objects.getExportedObject("alice", "stor", "openapi-base.imgmanifest", null, null);
        assertThat(new ObjectMapper().readTree(manifest).get("uuid").asText()).isEqualTo(baseImage.toString());
        File image = objects.getExportedObject("alice", "stor", "openapi-base.zfs.gz", null, null);
        assertThat(Files.readAllBytes(image.toPath())).isEqualTo(baseFile);
    }

    @Test
    @Order(5)
    void cloneImage() throws ApiException {
        Image clone = bob.images().cloneImage("my", baseImage, null, null);

        assertThat(clone.getId()).isNotEqualTo(baseImage);
        assertThat(clone.getOwner()).isEqualTo(bob.id());
        assertThat(clone.getName()).isEqualTo("openapi-base");
        assertThat(clone.getDescription()).isEqualTo("updated through the generated client");
        assertThat(clone.getAcl()).isNull();
        assertThat(clone.getState()).isEqualTo(Image.StateEnum.ACTIVE);
    }

    @Test
    @Order(6)
    void deleteImage() throws ApiException {
        UUID clone = bob.images().listImages("my", "openapi-base", null, bob.id(), null, null, null, null, null, null)
                .get(0).getId();

        ApiResponse<Void> deleted = bob.images().deleteImageWithHttpInfo("my", clone, null, null);

        assertThat(deleted.getStatusCode()).isEqualTo(204);
        assertThatThrownBy(() -> bob.images().getImage("my", clone, null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertError(e, 404, "ResourceNotFound"));
    }

    @Test
    @Order(7)
    void createImageFromMachine() throws Exception {
        ApiResponse<Image> created = alice.images().createImageFromMachineWithHttpInfo("my",
                new CreateImageFromMachineRequest().machine(machine).name("openapi-snapshot").version("1.0.0")
                        .description("made from a machine through the generated client"), null, null);

        assertThat(created.getStatusCode()).isEqualTo(201);
        Image placeholder = created.getData();
        assertThat(placeholder.getState()).isEqualTo(Image.StateEnum.CREATING);
        assertThat(placeholder.getName()).isEqualTo("openapi-snapshot");
        assertThat(placeholder.getOrigin()).isEqualTo(baseImage);
        assertThat(created.getHeaders().get("location")).containsExactly("/alice/images/" + placeholder.getId());
        assertThat(UUID.fromString(created.getHeaders().get("x-joyent-jobid").get(0))).isNotNull();

        Image finished = awaitFinished(alice, placeholder.getId());
        assertThat(finished.getState()).as("error: %s", finished.getError()).isEqualTo(Image.StateEnum.ACTIVE);
        assertThat(finished.getFiles()).hasSize(1);
        File file = alice.images().getImageFile("my", finished.getId(), null, null);
        assertThat(file.length()).isEqualTo(finished.getFiles().get(0).getSize());
    }

    @Test
    @Order(8)
    void importImageFromDatacenter() {
        // A second datacenter is not running here: an unknown one is the documented 422, typed as Error.
        assertThatThrownBy(() -> alice.images().importImageFromDatacenter("my", "nowhere", baseImage, null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    Error error = assertError(e, 422, "ValidationFailed");
                    assertThat(error.getErrors()).singleElement()
                            .satisfies(field -> assertThat(field.getField()).isEqualTo("datacenter"));
                });
    }

    // ---- CloudAPI's action form, the other reads, and the failure paths of the signature

    @Test
    @Order(9)
    void theActionFormAnswersAsDocumented() throws ApiException {
        ImageAction200Response answer = alice.images().imageAction("my", baseImage, "update", null, null, null,
                new ImageActionRequest().version("1.0.1"));

        assertThat(answer.getActualInstance()).isInstanceOfSatisfying(Image.class,
                image -> assertThat(image.getVersion()).isEqualTo("1.0.1"));
    }

    @Test
    @Order(10)
    void accountMachinesAndDatacenters() throws ApiException {
        Account account = new AccountApi(alice.client()).getAccount("my", null, null);
        assertThat(account.getId()).isEqualTo(alice.id());
        assertThat(account.getLogin()).isEqualTo("alice");

        MachinesApi machines = new MachinesApi(alice.client());
        ApiResponse<List<Machine>> page = machines.listMachinesWithHttpInfo("my", 1000, "openapi-vm", 0, null, null);
        assertThat(page.getData()).extracting(Machine::getId).containsExactly(machine);
        assertThat(page.getHeaders().get("x-resource-count")).containsExactly("1");
        Machine vm = machines.getMachine("my", machine, null, null);
        assertThat(vm.getImage()).isEqualTo(baseImage);

        ApiResponse<Map<String, String>> datacenters = new DatacentersApi(alice.client())
                .listDatacentersWithHttpInfo("my", null, null);
        assertThat(datacenters.getHeaders().get("triton-datacenter-name")).containsExactly("local");
    }

    @Test
    @Order(11)
    void anotherAccountsLoginIsForbiddenAndABadKeyUnauthorized() {
        assertThatThrownBy(() -> bob.images().listImages("alice", null, null, null, null, null, null, null, null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertError(e, 403, "NotAuthorized"));

        ApiClient unsigned = new ApiClient();
        unsigned.updateBaseUri(service.url());
        assertThatThrownBy(() -> new ImagesApi(unsigned).getImage("my", baseImage, null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertError(e, 401, "InvalidCredentials"));
    }

    @Test
    @Order(12)
    void swaggerUiIsServedByThePackagedService() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(service.url() + "/q/swagger-ui/")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsIgnoringCase("swagger-ui");
    }

    // ---- helpers

    private static Caller caller(String login, UUID id, TestKey key) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(service.url());
        client.setRequestInterceptor(new HttpSignatureInterceptor(login, key.md5Fingerprint(), key.privateKey()));
        return new Caller(login, id, new ImagesApi(client), client);
    }

    private static UUID addAccount(String login, TestKey key) throws Exception {
        Path publicKey = service.folder().resolve(login + ".pub");
        Files.writeString(publicKey, key.publicKeyLine() + "\n");
        String output = service.admin("account", "add", login, "--key", publicKey.toString());
        Matcher id = ADDED.matcher(output);
        assertThat(id.find()).as(output).isTrue();
        return UUID.fromString(id.group(1));
    }

    /** The embedded compute side keeps machines in the database; its disk here is a small local file. */
    private static UUID registerMachine(UUID owner, String name, UUID image) throws Exception {
        UUID id = UUID.randomUUID();
        Path disk = service.folder().resolve(name + ".disk");
        byte[] content = new byte[32 * 1024];
        new Random(9).nextBytes(content);
        Files.write(disk, content);
        String url = "jdbc:h2:file:" + service.dataDir().resolve("db/images") + ";AUTO_SERVER=TRUE";
        try (Connection db = DriverManager.getConnection(url, "sa", "");
             PreparedStatement insert = db.prepareStatement(
                     "insert into machine (id, name, owner_id, state, brand, image_id, disk) values (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, name);
            insert.setObject(3, owner);
            insert.setString(4, "stopped");
            insert.setString(5, "joyent");
            insert.setObject(6, image);
            insert.setString(7, disk.toString());
            insert.executeUpdate();
        }
        return id;
    }

    private static Image awaitFinished(Caller caller, UUID id) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            Image image = caller.images().getImage("my", id, null, null);
            if (image.getState() != Image.StateEnum.CREATING || Instant.now().isAfter(deadline)) {
                return image;
            }
            Thread.sleep(500);
        }
    }

    /** The exception's status and its body read as the document's Error schema. */
    private static Error assertError(ApiException e, int status, String code) {
        assertThat(e.getCode()).as(e.getResponseBody()).isEqualTo(status);
        try {
            Error error = alice.client().getObjectMapper().readValue(e.getResponseBody(), Error.class);
            assertThat(error.getCode()).isEqualTo(code);
            assertThat(error.getMessage()).isNotBlank();
            return error;
        } catch (java.io.IOException io) {
            throw new AssertionError("not an Error body: " + e.getResponseBody(), io);
        }
    }

    private static String hex(String algorithm, byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
    }
}
