package dev.imageservice.bootstrap.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.image.ImageType;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Who sees what (docs/compatibility.md) through HTTP: what alice sees of her own images and of bob's, in every
 * state, public, private and shared with her. Other test classes share the database, so every list
 * is narrowed to this class's images.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageVisibilityTest {

    @Inject
    TestData data;

    private Caller alice;
    private Caller bob;
    /** Seeded images by a readable name; the image names are those keys too. */
    private final Map<String, Image> images = new LinkedHashMap<>();

    @BeforeAll
    void seed() {
        alice = Caller.create(data, "alice");
        bob = Caller.create(data, "bob");
        for (ImageState state : ImageState.values()) {
            add("a-private-" + state.wireName(), data.image(alice.account(), "a-private-" + state.wireName()).state(state));
        }
        add("a-public-active", data.image(alice.account(), "a-public-active").publicImage());
        add("a-docker", data.image(alice.account(), "a-docker").type(ImageType.DOCKER));
        for (ImageState state : ImageState.values()) {
            add("b-public-" + state.wireName(), data.image(bob.account(), "b-public-" + state.wireName())
                    .state(state).publicImage());
            add("b-private-" + state.wireName(), data.image(bob.account(), "b-private-" + state.wireName()).state(state));
            add("b-shared-" + state.wireName(), data.image(bob.account(), "b-shared-" + state.wireName())
                    .state(state).sharedWith(alice.account()));
        }
    }

    private void add(String key, TestData.ImageBuilder builder) {
        images.put(key, builder.version("1." + images.size() + ".0").add());
    }

    @Test
    void getShowsAliceHerOwnImagesInEveryState() {
        for (ImageState state : ImageState.values()) {
            assertVisible("a-private-" + state.wireName());
        }
        assertVisible("a-public-active");
        assertVisible("a-docker");
    }

    @Test
    void getShowsBobsImagesOnlyWhenActivatedAndPublicOrShared() {
        for (ImageState state : ImageState.values()) {
            boolean activated = state == ImageState.ACTIVE || state == ImageState.DISABLED;
            for (String kind : List.of("b-public-", "b-shared-")) {
                if (activated) {
                    assertVisible(kind + state.wireName());
                } else {
                    assertInvisible(kind + state.wireName());
                }
            }
            assertInvisible("b-private-" + state.wireName());
        }
    }

    @Test
    void anImageIdThatIsNoUuidIsNotFound() {
        Response response = alice.signed().get("/my/images/not-a-uuid");

        ProtocolErrorsTest.assertError(response, 404, "ResourceNotFound");
        assertThat(response.jsonPath().getString("message")).isEqualTo("not-a-uuid not found");
    }

    @Test
    void theDefaultListIsActiveImagesOwnPublicAndShared() {
        assertThat(list("")).containsExactlyInAnyOrder(
                "a-private-active", "a-public-active", "b-public-active", "b-shared-active");
    }

    @Test
    void stateAllAddsOwnImagesInEveryStateAndOthersDisabledOnes() {
        assertThat(list("?state=all")).containsExactlyInAnyOrder(
                "a-private-creating", "a-private-unactivated", "a-private-active", "a-private-disabled",
                "a-private-failed", "a-public-active",
                "b-public-active", "b-public-disabled", "b-shared-active", "b-shared-disabled");
    }

    @Test
    void aNamedStateListsOnlyOwnImages() {
        for (ImageState state : List.of(ImageState.DISABLED, ImageState.UNACTIVATED, ImageState.CREATING,
                ImageState.FAILED)) {
            assertThat(list("?state=" + state.wireName())).as(state.wireName())
                    .containsExactly("a-private-" + state.wireName());
        }
        assertThat(list("?state=active")).containsExactlyInAnyOrder(
                "a-private-active", "a-public-active", "b-public-active", "b-shared-active");
    }

    @Test
    void publicTrueIsOwnPublicAndAllPublic() {
        assertThat(list("?public=true")).containsExactlyInAnyOrder("a-public-active", "b-public-active");
        assertThat(list("?public=true&state=all")).containsExactlyInAnyOrder(
                "a-public-active", "b-public-active", "b-public-disabled");
    }

    @Test
    void publicFalseIsOwnPrivateAndShared() {
        assertThat(list("?public=false")).containsExactlyInAnyOrder("a-private-active", "b-shared-active");
    }

    @Test
    void ownerNarrowsToOneAccountsImages() {
        assertThat(list("?owner=" + alice.id())).containsExactlyInAnyOrder("a-private-active", "a-public-active");
        assertThat(list("?owner=" + bob.id())).containsExactlyInAnyOrder("b-public-active", "b-shared-active");
        assertThat(list("?owner=" + bob.id() + "&state=all")).containsExactlyInAnyOrder(
                "b-public-active", "b-public-disabled", "b-shared-active", "b-shared-disabled");
    }

    @Test
    void dockerImagesShowOnlyWhenAskedForByType() {
        assertThat(list("")).doesNotContain("a-docker");
        assertThat(list("?type=docker")).containsExactly("a-docker");
        assertThat(list("?type=no-such-type")).isEmpty();
    }

    @Test
    void nameAndVersionFilterExactlyOrBySubstringWithTilde() {
        assertThat(list("?name=b-shared-active")).containsExactly("b-shared-active");
        assertThat(list("?name=~public")).containsExactlyInAnyOrder("a-public-active", "b-public-active");
        String version = images.get("a-private-active").manifest().version().value();
        assertThat(list("?version=" + version)).containsExactly("a-private-active");
        assertThat(list("?os=smartos")).contains("a-private-active");
        assertThat(list("?os=windows")).isEmpty();
    }

    @Test
    void theListIsOrderedByPublicationUnpublishedFirst() {
        Response response = alice.signed().get("/my/images?state=all");
        List<String> publishedAt = response.jsonPath().getList("published_at", String.class);

        assertThat(publishedAt.stream().dropWhile(p -> p == null).toList()).doesNotContainNull()
                .isSortedAccordingTo(String::compareTo);
    }

    @Test
    void badStateOrPublicIsInvalidParameter() {
        ProtocolErrorsTest.assertError(alice.signed().get("/my/images?state=sleeping"), 422, "InvalidParameter");
        ProtocolErrorsTest.assertError(alice.signed().get("/my/images?public=yes"), 422, "InvalidParameter");
    }

    @Test
    void everyListedImageHasTheCloudApiShape() {
        Response response = alice.signed().get("/my/images?state=all&owner=" + alice.id());

        Map<String, Object> active = response.jsonPath().getMap("find { it.name == 'a-private-active' }");
        assertThat(active).containsKeys("id", "name", "version", "os", "requirements", "type", "files",
                "homepage", "published_at", "owner", "public", "state");
        assertThat(active).doesNotContainKeys("acl", "tags", "error", "origin", "description", "eula");
        Map<String, Object> failed = response.jsonPath().getMap("find { it.name == 'a-private-failed' }");
        assertThat(failed).doesNotContainKeys("files", "published_at");
        assertThat(failed.get("error")).isEqualTo(Map.of("code", "PrepareImageDidNotRun",
                "message", "the machine did not prepare"));
    }

    private List<String> list(String query) {
        Response response = alice.signed().urlEncodingEnabled(false).get("/my/images" + query);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        Set<String> ours = images.values().stream().map(image -> image.id().toString()).collect(Collectors.toSet());
        return response.jsonPath().<Map<String, Object>>getList("").stream()
                .filter(image -> ours.contains((String) image.get("id")))
                .map(image -> (String) image.get("name"))
                .toList();
    }

    private void assertVisible(String key) {
        Response response = alice.signed().get("/my/images/" + images.get(key).id());
        assertThat(response.statusCode()).as(key).isEqualTo(200);
        assertThat(response.jsonPath().getString("id")).isEqualTo(images.get(key).id().toString());
        assertThat(response.jsonPath().getString("state")).isEqualTo(images.get(key).state().wireName());
    }

    private void assertInvisible(String key) {
        Response response = alice.signed().get("/my/images/" + images.get(key).id());
        assertThat(response.statusCode()).as(key).isEqualTo(404);
        assertThat(response.jsonPath().getString("code")).isEqualTo("ResourceNotFound");
        // Exactly what an absent image answers: existence does not leak.
        assertThat(response.jsonPath().getString("message")).doesNotContain(bob.id()).contains("not found");
    }
}
