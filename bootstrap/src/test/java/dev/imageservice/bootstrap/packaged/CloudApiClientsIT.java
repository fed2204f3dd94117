package dev.imageservice.bootstrap.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imageservice.bootstrap.packaged.PackagedServer.ClientAccount;
import dev.imageservice.bootstrap.packaged.PackagedServer.Result;
import dev.imageservice.bootstrap.packaged.PackagedServer.SeededImage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * triton 7.17.0 and smartdc 9.0.1, unchanged, against the packaged server: exit codes and output of
 * every image command the issue lists. Images are seeded with the admin import command.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CloudApiClientsIT {

    private PackagedServer server;
    private ClientAccount alice;
    private ClientAccount bob;
    private SeededImage base1;
    private SeededImage base2;
    private SeededImage webapp;
    private SeededImage retired;
    private SeededImage shared;
    private SeededImage doomed;
    private SeededImage sdcTarget;
    private SeededImage sdcDoomed;

    @BeforeAll
    void startAndSeed() {
        server = PackagedServer.create("clients").start();
        ClientAccount admin = server.addAccount("admin", true);
        alice = server.addAccount("alice", false);
        bob = server.addAccount("bob", false);
        base1 = seed(admin, "base-64", "1.0.0", Map.of("public", true, "published_at", "2021-01-01T00:00:00Z"));
        base2 = seed(admin, "base-64", "2.0.0", Map.of("public", true, "published_at", "2022-01-01T00:00:00.500Z"));
        webapp = seed(alice, "webapp", "1.0.0", Map.of("tags", Map.of("role", "web"), "description", "A web app"));
        retired = seed(alice, "webapp-old", "0.9.0", Map.of("state", "disabled"));
        shared = seed(alice, "shared-tool", "1.0.0", Map.of());
        doomed = seed(alice, "doomed", "1.0.0", Map.of());
        sdcTarget = seed(alice, "sdc-target", "1.0.0", Map.of());
        sdcDoomed = seed(alice, "sdc-doomed", "1.0.0", Map.of());
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    // ---- triton

    @Test
    void imageListShowsTheActiveImagesTheCallerMaySee() {
        Result list = ok(server.triton(alice, "image", "list", "-H", "-o", "id,name,version,state"));

        assertThat(list.stdout()).contains(base1.id().toString(), base2.id().toString(), webapp.id().toString())
                .doesNotContain(retired.id().toString());
        Result asBob = ok(server.triton(bob, "image", "list", "-H", "-o", "id"));
        assertThat(asBob.stdout()).contains(base1.id().toString()).doesNotContain(webapp.id().toString());
    }

    @Test
    void imageListAllShowsDisabledImagesToo() {
        Result list = ok(server.triton(alice, "image", "list", "-a", "-H", "-o", "id,state"));

        assertThat(list.stdout()).containsPattern(retired.id() + "\\s+disabled");
    }

    @Test
    void imageListFiltersByNameSubstring() {
        Result list = ok(server.triton(alice, "image", "list", "name=~app", "-H", "-o", "name"));

        assertThat(list.stdout().lines().toList()).contains("webapp").allMatch(name -> name.contains("app"));
    }

    @Test
    void imageGetById() {
        Map<String, Object> image = ok(server.triton(alice, "image", "get", webapp.id().toString())).jsonObject();

        assertThat(image.get("id")).isEqualTo(webapp.id().toString());
        assertThat(image.get("name")).isEqualTo("webapp");
        assertThat(image.get("state")).isEqualTo("active");
        assertThat(image.get("owner")).isEqualTo(alice.id().toString());
    }

    @Test
    void imageGetByNamePicksTheLatest() {
        Map<String, Object> image = ok(server.triton(alice, "image", "get", "base-64")).jsonObject();

        assertThat(image.get("id")).isEqualTo(base2.id().toString());
        assertThat(image.get("published_at")).isEqualTo("2022-01-01T00:00:00.500Z");
    }

    @Test
    void imageGetByNameAndVersion() {
        Map<String, Object> image = ok(server.triton(alice, "image", "get", "base-64@1.0.0")).jsonObject();

        assertThat(image.get("id")).isEqualTo(base1.id().toString());
        assertThat(image.get("published_at")).isEqualTo("2021-01-01T00:00:00Z");
    }

    @Test
    void aMissingImageExitsWith3() {
        Result byName = server.triton(alice, "image", "get", "no-such-image");
        assertThat(byName.exitCode()).as(byName.toString()).isEqualTo(3);

        Result byId = server.triton(alice, "image", "get", "00000000-0000-4000-8000-000000000000");
        assertThat(byId.exitCode()).as(byId.toString()).isEqualTo(3);
        assertThat(byId.stderr()).contains("ResourceNotFound");

        Result notVisible = server.triton(bob, "image", "get", webapp.id().toString());
        assertThat(notVisible.exitCode()).as(notVisible.toString()).isEqualTo(3);
    }

    @Test
    void imageUpdate() {
        ok(server.triton(alice, "image", "update", webapp.id().toString(), "description=Updated by triton",
                "homepage=https://example.com/webapp"));

        Map<String, Object> image = ok(server.triton(alice, "image", "get", webapp.id().toString())).jsonObject();
        assertThat(image.get("description")).isEqualTo("Updated by triton");
        assertThat(image.get("homepage")).isEqualTo("https://example.com/webapp");
    }

    @Test
    void imageShareAndUnshare() {
        String id = shared.id().toString();
        ok(server.triton(alice, "image", "share", id, bob.id().toString()));

        assertThat(ok(server.triton(alice, "image", "get", id)).jsonObject().get("acl"))
                .isEqualTo(List.of(bob.id().toString()));
        assertThat(ok(server.triton(bob, "image", "get", id)).jsonObject().get("id")).isEqualTo(id);
        assertThat(ok(server.triton(bob, "image", "list", "-H", "-o", "id")).stdout()).contains(id);

        ok(server.triton(alice, "image", "unshare", id, bob.id().toString()));

        Object acl = ok(server.triton(alice, "image", "get", id)).jsonObject().get("acl");
        assertThat(acl == null || ((List<?>) acl).isEmpty()).as("acl after unshare: %s", acl).isTrue();
        assertThat(server.triton(bob, "image", "get", id).exitCode()).isEqualTo(3);
    }

    @Test
    void imageTag() {
        ok(server.triton(alice, "image", "tag", webapp.id().toString(), "env=prod", "replicas=3"));

        Object tags = ok(server.triton(alice, "image", "get", webapp.id().toString())).jsonObject().get("tags");
        // triton sends the given tags as the whole new set.
        assertThat(tags).isEqualTo(Map.of("env", "prod", "replicas", 3));
    }

    @Test
    void imageDeleteForced() {
        String id = doomed.id().toString();
        Result deleted = ok(server.triton(alice, "image", "delete", "-f", id));

        assertThat(deleted.stdout()).contains("Deleted image");
        assertThat(server.triton(alice, "image", "get", id).exitCode()).isEqualTo(3);
    }

    // ---- smartdc

    @Test
    void sdcListImages() {
        List<Map<String, Object>> images = ok(server.sdc(alice, "listimages")).jsonArray();

        assertThat(images).extracting(image -> image.get("id"))
                .contains(base1.id().toString(), base2.id().toString(), webapp.id().toString())
                .doesNotContain(retired.id().toString());
    }

    @Test
    void sdcGetImage() {
        Map<String, Object> image = ok(server.sdc(alice, "getimage", base1.id().toString())).jsonObject();

        assertThat(image.get("id")).isEqualTo(base1.id().toString());
        assertThat(image.get("version")).isEqualTo("1.0.0");
        assertThat(image.get("public")).isEqualTo(true);
    }

    @Test
    void sdcUpdateImage() {
        String id = sdcTarget.id().toString();
        ok(server.sdc(alice, "updateimage", "--description=Updated by sdc", "--imageVersion=1.0.1", id));

        Map<String, Object> image = ok(server.sdc(alice, "getimage", id)).jsonObject();
        assertThat(image.get("description")).isEqualTo("Updated by sdc");
        assertThat(image.get("version")).isEqualTo("1.0.1");
    }

    @Test
    void sdcDeleteImage() {
        String id = sdcDoomed.id().toString();
        ok(server.sdc(alice, "deleteimage", id));

        Result gone = server.sdc(alice, "getimage", id);
        assertThat(gone.exitCode()).as(gone.toString()).isEqualTo(3);
        assertThat(gone.stderr()).contains("ResourceNotFound");
    }

    // ---- both, on a listing past the size ListImages digests (docs/compatibility.md, "Large listings")

    @Test
    void aListingTooLargeForContentMd5IsReadWholeByTritonAndSdc() throws IOException {
        ClientAccount carol = server.addAccount("carol", false);
        Path folder = Files.createDirectories(server.folder().resolve("large-listing"));
        List<String> ids = new ArrayList<>();
        // About 1.6 KiB of JSON each: 900 make about 1.4 MiB, past the 1 MiB that is digested.
        for (int i = 0; i < 900; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            Files.write(folder.resolve("large-" + i + ".json"), new ObjectMapper().writeValueAsBytes(Map.of("uuid", id,
                    "owner", carol.id().toString(), "name", "large-" + i, "version", "1.0.0",
                    "description", "A long description. ".repeat(75))));
        }
        server.adminOk("image", "import", folder.toString());

        Result triton = ok(server.triton(carol, "image", "list", "-a", "-H", "-o", "id"));
        assertThat(triton.stdout().lines()).containsAll(ids);
        List<Map<String, Object>> sdc = ok(server.sdc(carol, "listimages", "--state", "all")).jsonArray();
        assertThat(sdc).extracting(image -> image.get("id")).containsAll(ids);
        HttpResponse<byte[]> raw = server.request(carol, "GET", "/" + carol.login() + "/images?state=all", null);
        assertThat(raw.body().length).isGreaterThan(1 << 20);
        assertThat(raw.headers().firstValue("Content-MD5")).isEmpty();
    }

    private SeededImage seed(ClientAccount owner, String name, String version, Map<String, Object> more) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("owner", owner.id().toString());
        fields.put("name", name);
        fields.put("version", version);
        fields.put("os", "smartos");
        fields.put("type", "zone-dataset");
        fields.putAll(more);
        return server.importImage(fields, (name + "@" + version + " bytes").getBytes(StandardCharsets.UTF_8));
    }

    private static Result ok(Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }
}
