package dev.imageservice.bootstrap.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imageservice.bootstrap.packaged.PackagedServer;
import dev.imageservice.bootstrap.packaged.PackagedServer.ClientAccount;
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
import dev.imageservice.client.model.ImageFile;
import dev.imageservice.client.model.Machine;
import dev.imageservice.client.model.MantaLocation;
import dev.imageservice.client.model.UpdateImageRequest;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Java client generated from the build's OpenAPI document ({@code dev.imageservice.client},
 * library native), signing with {@link HttpSignatureInterceptor}, against the packaged service:
 * all eight image operations with their typed inputs and outputs, plus CloudAPI's action form and
 * the account, machine, datacenter, file and exported-object reads. Two instances run: "east", where
 * the image is made, and "west", which imports it from east (reading as east's operator "admin").
 * Accounts share their ids across both; accounts, the operator base image (in both) and a machine
 * are seeded with the admin commands.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GeneratedClientIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static final String BASE_PUBLISHED = "2020-01-01T00:00:00Z";

    private static PackagedServer server;
    private static PackagedServer west;
    private static Caller alice;
    private static Caller bob;
    private static Caller aliceInWest;
    private static UUID baseImage;
    private static UUID machine;
    /** The image CreateImageFromMachine makes; the operations after it work on it. */
    private static UUID custom;

    private record Caller(String login, UUID id, ImagesApi images, ApiClient client) {
    }

    @BeforeAll
    static void startAndSeed() throws Exception {
        server = PackagedServer.create("openapi-east");
        west = PackagedServer.create("openapi-west");
        server.set("images.datacenter.name", "east").set("images.datacenters.west.url", west.url());
        west.set("images.datacenter.name", "west").set("images.datacenters.east.url", server.url())
                .set("images.operator.login", "admin")
                .set("images.operator.key", server.folder().resolve("home-admin/.ssh/id_rsa").toString());
        ClientAccount admin = server.addAccount("admin", true);
        ClientAccount aliceAccount = server.addAccount("alice", false);
        ClientAccount bobAccount = server.addAccount("bob", false);
        byte[] baseFile = new byte[64 * 1024];
        new Random(8).nextBytes(baseFile);
        Map<String, Object> base = Map.of("owner", admin.id().toString(), "name", "openapi-base", "version", "1.0.0",
                "os", "smartos", "type", "zone-dataset", "public", true, "published_at", BASE_PUBLISHED);
        baseImage = server.importImage(base, baseFile).id();
        Path disk = server.folder().resolve("openapi-vm.disk");
        byte[] content = new byte[32 * 1024];
        new Random(9).nextBytes(content);
        Files.write(disk, content);
        server.adminOk("machine", "add", "alice", "--name", "openapi-vm", "--disk", disk.toString(),
                "--image", baseImage.toString(), "--state", "stopped");
        server.start();
        // West: the same accounts and operator base image, so that only alice's own image travels.
        west.addExistingAccount(admin, true);
        west.addExistingAccount(aliceAccount, false);
        west.addExistingAccount(bobAccount, false);
        Map<String, Object> sameBase = new LinkedHashMap<>(base);
        sameBase.put("uuid", baseImage.toString());
        west.importImage(sameBase, baseFile);
        west.start();

        alice = caller(server, aliceAccount);
        bob = caller(server, bobAccount);
        aliceInWest = caller(west, aliceAccount);
    }

    @AfterAll
    static void stop() {
        for (PackagedServer instance : new PackagedServer[] {server, west}) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    // ---- the eight image operations, in the order an image lives through them

    @Test
    @Order(1)
    void listImages() throws ApiException {
        List<Image> images = alice.images().listImages("my", null, null, null, null, null, null, null, null, null);

        Image base = images.stream().filter(image -> image.getId().equals(baseImage)).findFirst().orElseThrow();
        assertThat(base.getState()).isEqualTo(Image.StateEnum.ACTIVE);
        assertThat(base.getType()).isEqualTo(Image.TypeEnum.ZONE_DATASET);
        assertThat(base.getOs()).isEqualTo(Image.OsEnum.SMARTOS);
        assertThat(base.getPublic()).isTrue();
        assertThat(base.getFiles()).singleElement().satisfies(file -> {
            assertThat(file.getSize()).isEqualTo(64 * 1024);
            assertThat(file.getCompression()).isEqualTo(ImageFile.CompressionEnum.GZIP);
        });

        List<Image> filtered = alice.images().listImages("my", "openapi-base", "smartos", null, true, "all",
                "zone-dataset", "1.0.0", "~9", null);
        assertThat(filtered).extracting(Image::getId).containsExactly(baseImage);
    }

    @Test
    @Order(2)
    void getImage() throws ApiException {
        ApiResponse<Image> response = alice.images().getImageWithHttpInfo("my", baseImage, null, null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getData().getName()).isEqualTo("openapi-base");
        assertThat(response.getData().getPublishedAt()).isNotNull();
        assertThat(response.getHeaders()).containsEntry("api-version", List.of("9.0.0"))
                .containsKeys("request-id", "response-time");
        // Accept-Version is honoured: before 8.0.0 a zone dataset is a smartmachine.
        assertThat(alice.images().getImage("my", baseImage, "~7", null).getType())
                .isEqualTo(Image.TypeEnum.SMARTMACHINE);
    }

    @Test
    @Order(3)
    void createImageFromMachine() throws Exception {
        ApiResponse<Image> created = alice.images().createImageFromMachineWithHttpInfo("my",
                new CreateImageFromMachineRequest().machine(machine()).name("openapi-custom").version("1.0.0")
                        .description("made from a machine through the generated client"), null, null);

        assertThat(created.getStatusCode()).isEqualTo(201);
        Image placeholder = created.getData();
        assertThat(placeholder.getState()).isEqualTo(Image.StateEnum.CREATING);
        assertThat(placeholder.getName()).isEqualTo("openapi-custom");
        assertThat(placeholder.getOwner()).isEqualTo(alice.id());
        assertThat(placeholder.getOrigin()).isEqualTo(baseImage);
        assertThat(created.getHeaders().get("location")).containsExactly("/alice/images/" + placeholder.getId());
        assertThat(UUID.fromString(created.getHeaders().get("x-joyent-jobid").get(0))).isNotNull();

        Image finished = awaitFinished(alice, placeholder.getId());
        assertThat(finished.getState()).as("error: %s", finished.getError()).isEqualTo(Image.StateEnum.ACTIVE);
        assertThat(finished.getFiles()).hasSize(1);
        File file = alice.images().getImageFile("my", finished.getId(), null, null);
        assertThat(file.length()).isEqualTo(finished.getFiles().get(0).getSize());
        custom = finished.getId();
    }

    @Test
    @Order(4)
    void updateImage() throws ApiException {
        String etag = alice.images().getImageWithHttpInfo("my", custom, null, null).getHeaders().get("etag").get(0);
        Image updated = alice.images().updateImage("my", custom, new UpdateImageRequest()
                .description("updated through the generated client")
                .homepage("https://example.com/openapi-custom")
                .tags(Map.of("role", "custom", "generation", 2))
                .acl(List.of(bob.id())), etag, null, null);

        assertThat(updated.getId()).isEqualTo(custom);
        assertThat(updated.getDescription()).isEqualTo("updated through the generated client");
        assertThat(updated.getHomepage()).isEqualTo("https://example.com/openapi-custom");
        assertThat(updated.getTags()).containsEntry("role", "custom").containsEntry("generation", 2);
        assertThat(updated.getAcl()).containsExactly(bob.id());
        // The ETag read before the update is stale now: a write conditional on it changes nothing.
        assertThatThrownBy(() -> alice.images().updateImage("my", custom, new UpdateImageRequest().description("stale"),
                etag, null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertError(e, 412, "PreconditionFailed"));
        assertThat(alice.images().getImage("my", custom, null, null).getDescription())
                .isEqualTo("updated through the generated client");
    }

    @Test
    @Order(5)
    void exportImage() throws Exception {
        MantaLocation location = alice.images().exportImage("my", custom, "/alice/stor/openapi-custom", null, null);

        assertThat(location.getMantaUrl()).isEqualTo(server.url());
        assertThat(location.getManifestPath()).isEqualTo("/alice/stor/openapi-custom.imgmanifest");
        assertThat(location.getImagePath()).startsWith("/alice/stor/openapi-custom.zfs");

        ExportedObjectsApi objects = new ExportedObjectsApi(alice.client());
        File manifest = objects.getExportedObject("alice", "stor", "openapi-custom.imgmanifest", null, null);
        assertThat(new ObjectMapper().readTree(manifest).get("uuid").asText()).isEqualTo(custom.toString());
        File image = objects.getExportedObject("alice", "stor",
                location.getImagePath().substring("/alice/stor/".length()), null, null);
        File original = alice.images().getImageFile("my", custom, null, null);
        assertThat(Files.readAllBytes(image.toPath())).isEqualTo(Files.readAllBytes(original.toPath()));
    }

    @Test
    @Order(6)
    void cloneImage() throws ApiException {
        Image clone = bob.images().cloneImage("my", custom, null, null);

        assertThat(clone.getId()).isNotEqualTo(custom);
        assertThat(clone.getOwner()).isEqualTo(bob.id());
        assertThat(clone.getName()).isEqualTo("openapi-custom");
        assertThat(clone.getDescription()).isEqualTo("updated through the generated client");
        assertThat(clone.getAcl()).isNullOrEmpty();
        assertThat(clone.getOrigin()).isEqualTo(baseImage);
        assertThat(clone.getState()).isEqualTo(Image.StateEnum.ACTIVE);
    }

    @Test
    @Order(7)
    void deleteImage() throws ApiException {
        UUID clone = bob.images().listImages("my", "openapi-custom", null, bob.id(), null, null, null, null, null, null)
                .get(0).getId();

        ApiResponse<Void> deleted = bob.images().deleteImageWithHttpInfo("my", clone, null, null, null);

        assertThat(deleted.getStatusCode()).isEqualTo(204);
        assertThatThrownBy(() -> bob.images().getImage("my", clone, null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertError(e, 404, "ResourceNotFound"));
    }

    @Test
    @Order(8)
    void importImageFromDatacenter() throws ApiException {
        Image original = alice.images().getImage("my", custom, null, null);

        Image copied = aliceInWest.images().importImageFromDatacenter("my", "east", custom, null, null);

        assertThat(copied.getId()).isEqualTo(custom);
        assertThat(copied.getPublishedAt()).isEqualTo(original.getPublishedAt());
        assertThat(copied.getOwner()).isEqualTo(alice.id());
        assertThat(copied.getOrigin()).isEqualTo(baseImage);
        assertThat(copied.getFiles()).isEqualTo(original.getFiles());
        assertThat(aliceInWest.images().getImage("my", custom, null, null).getState())
                .isEqualTo(Image.StateEnum.ACTIVE);

        // Copying it again, or from a datacenter the cloud does not have, is refused with a typed Error.
        assertThatThrownBy(() -> aliceInWest.images().importImageFromDatacenter("my", "east", custom, null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertError(e, 409, "ImageUuidAlreadyExists"));
        assertThatThrownBy(() -> aliceInWest.images().importImageFromDatacenter("my", "atlantis", custom, null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    Error error = assertError(e, 422, "ValidationFailed");
                    assertThat(error.getErrors()).singleElement()
                            .satisfies(field -> assertThat(field.getField()).isEqualTo("datacenter"));
                });
    }

    // ---- CloudAPI's action form, the other reads, and refusals

    @Test
    @Order(9)
    void theActionFormAnswersAsDocumented() throws ApiException {
        ImageAction200Response updated = alice.images().imageAction("my", custom, "update", null, null, null, null,
                new ImageActionRequest().version("1.0.1"));
        assertThat(updated.getActualInstance()).isInstanceOfSatisfying(Image.class,
                image -> assertThat(image.getVersion()).isEqualTo("1.0.1"));

        ImageAction200Response exported = alice.images().imageAction("my", custom, null, null, null, null, null,
                new ImageActionRequest().action(ImageActionRequest.ActionEnum.EXPORT).mantaPath("/alice/stor/via-action"));
        assertThat(exported.getActualInstance()).isInstanceOfSatisfying(MantaLocation.class,
                location -> assertThat(location.getManifestPath()).isEqualTo("/alice/stor/via-action.imgmanifest"));
    }

    @Test
    @Order(10)
    void accountMachinesAndDatacenters() throws ApiException {
        Account account = new AccountApi(alice.client()).getAccount("my", null, null);
        assertThat(account.getId()).isEqualTo(alice.id());
        assertThat(account.getLogin()).isEqualTo("alice");

        MachinesApi machines = new MachinesApi(alice.client());
        ApiResponse<List<Machine>> page = machines.listMachinesWithHttpInfo("my", 1000, "openapi-vm", 0, null, null);
        assertThat(page.getData()).extracting(Machine::getName).containsExactly("openapi-vm");
        assertThat(page.getHeaders().get("x-resource-count")).containsExactly("1");
        Machine vm = machines.getMachine("my", page.getData().get(0).getId(), null, null);
        assertThat(vm.getImage()).isEqualTo(baseImage);
        assertThat(vm.getState()).isEqualTo(Machine.StateEnum.STOPPED);

        ApiResponse<Map<String, String>> datacenters = new DatacentersApi(alice.client())
                .listDatacentersWithHttpInfo("my", null, null);
        assertThat(datacenters.getData()).containsEntry("west", west.url()).containsKey("east");
        assertThat(datacenters.getHeaders().get("triton-datacenter-name")).containsExactly("east");
    }

    @Test
    @Order(11)
    void anotherAccountsLoginIsForbiddenAndAnUnsignedRequestUnauthorized() {
        assertThatThrownBy(() -> bob.images().listImages("alice", null, null, null, null, null, null, null, null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertError(e, 403, "NotAuthorized"));

        ApiClient unsigned = new ApiClient();
        unsigned.updateBaseUri(server.url());
        assertThatThrownBy(() -> new ImagesApi(unsigned).getImage("my", baseImage, null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertError(e, 401, "InvalidCredentials"));
    }

    @Test
    @Order(12)
    void swaggerUiIsServedByThePackagedService() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.url() + "/q/swagger-ui/")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsIgnoringCase("swagger-ui");
    }

    // ---- helpers

    /**
     * A client for the account, signing with its key. Its mapper fails on unknown properties: every
     * field the server sends must be in the document's schemas, and ImageAction's oneOf answer can
     * then be told apart (Image and MantaLocation share no field).
     */
    private static Caller caller(PackagedServer instance, ClientAccount account) throws Exception {
        ApiClient client = new ApiClient();
        client.updateBaseUri(instance.url());
        client.setObjectMapper(ApiClient.createDefaultObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true));
        client.setRequestInterceptor(new HttpSignatureInterceptor(account.login(), account.keyId(),
                readPrivateKey(account.privateKeyFile())));
        return new Caller(account.login(), account.id(), new ImagesApi(client), client);
    }

    /** An RSA key as ssh-keygen -m PEM writes it. */
    private static PrivateKey readPrivateKey(Path pem) throws Exception {
        try (PEMParser parser = new PEMParser(Files.newBufferedReader(pem))) {
            return new JcaPEMKeyConverter().getKeyPair((PEMKeyPair) parser.readObject()).getPrivate();
        }
    }

    private static UUID machine() throws ApiException {
        if (machine == null) {
            machine = new MachinesApi(alice.client()).listMachines("my", null, "openapi-vm", null, null, null)
                    .get(0).getId();
        }
        return machine;
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

    /** The exception's status, and its body read as the document's Error schema. */
    private static Error assertError(ApiException e, int status, String code) {
        assertThat(e.getCode()).as(e.getResponseBody()).isEqualTo(status);
        try {
            Error error = alice.client().getObjectMapper().readValue(e.getResponseBody(), Error.class);
            assertThat(error.getCode()).isEqualTo(code);
            assertThat(error.getMessage()).isNotBlank();
            return error;
        } catch (IOException io) {
            throw new AssertionError("not an Error body: " + e.getResponseBody(), io);
        }
    }
}
