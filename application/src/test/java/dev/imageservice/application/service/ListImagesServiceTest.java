package dev.imageservice.application.service;

import static dev.imageservice.application.service.Fixtures.ALICE;
import static dev.imageservice.application.service.Fixtures.BOB;
import static dev.imageservice.application.service.Fixtures.image;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.application.port.in.ListImagesQuery;
import dev.imageservice.domain.access.ImageListFilter;
import dev.imageservice.domain.access.StateFilter;
import dev.imageservice.domain.access.TextMatch;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageOs;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.image.ImageType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ListImagesServiceTest {

    private final InMemoryImageRepository images = new InMemoryImageRepository();
    private final ListImagesService service = new ListImagesService(images);
    private final Map<String, UUID> ids = new java.util.LinkedHashMap<>();

    /** Alice is the caller; Bob owns the images she may or may not see. */
    @BeforeEach
    void store() {
        keep("ownOld", image(ALICE).named("base").version("1.0.0").publishedAt("2023-01-01T00:00:00Z"));
        keep("ownNew", image(ALICE).named("base-64").version("2.0.0").os(ImageOs.LINUX).type(ImageType.LX_DATASET)
                .publishedAt("2024-06-01T00:00:00Z"));
        // Both unpublished: the id decides their order.
        keep("ownUnactivated", image(ALICE).named("wip").state(ImageState.UNACTIVATED)
                .id("00000000-0000-4000-8000-000000000001"));
        keep("ownCreating", image(ALICE).named("wip2").state(ImageState.CREATING)
                .id("00000000-0000-4000-8000-000000000002"));
        keep("ownDisabled", image(ALICE).named("old").state(ImageState.DISABLED).publishedAt("2022-01-01T00:00:00Z"));
        keep("ownDocker", image(ALICE).named("nginx").type(ImageType.DOCKER).publishedAt("2024-02-01T00:00:00Z"));
        keep("bobPublic", image(BOB).named("ubuntu").version("22.04").os(ImageOs.LINUX).publicImage()
                .publishedAt("2023-06-01T00:00:00Z"));
        keep("bobShared", image(BOB).named("bob-base").sharedWith(ALICE).publishedAt("2024-01-01T00:00:00Z"));
        keep("bobSharedDisabled", image(BOB).named("bob-old").sharedWith(ALICE).state(ImageState.DISABLED)
                .publishedAt("2021-01-01T00:00:00Z"));
        keep("bobPrivate", image(BOB).named("secret").publishedAt("2020-01-01T00:00:00Z"));
        keep("bobPublicFailed", image(BOB).named("broken").publicImage().state(ImageState.FAILED));
    }

    private void keep(String name, Fixtures.Spec spec) {
        ids.put(name, spec.storeIn(images).id());
    }

    private List<String> list(Function<ListImagesQuery, ListImagesQuery> query) {
        List<Image> found = listed(query.apply(ListImagesQuery.everything(ALICE)));
        Map<UUID, String> names = new java.util.HashMap<>();
        ids.forEach((name, id) -> names.put(id, name));
        return found.stream().map(image -> names.get(image.id())).toList();
    }

    /** What the service hands over, in its order. */
    private List<Image> listed(ListImagesQuery query) {
        List<Image> found = new ArrayList<>();
        service.forEachImage(query, found::add);
        return found;
    }

    /** The query with one filter as an adapter parses it from the caller's text. */
    private static ListImagesQuery with(ListImagesQuery q, String field, String value) {
        return new ListImagesQuery(q.caller(),
                field.equals("state") ? StateFilter.parse(value) : q.state(),
                field.equals("public") ? ImageListFilter.parsePublic(value) : q.isPublic(),
                field.equals("owner") ? ImageListFilter.parseOwner(value) : q.owner(),
                field.equals("name") ? TextMatch.parse(value) : q.name(),
                field.equals("version") ? TextMatch.parse(value) : q.version(),
                field.equals("os") ? value : q.os(),
                field.equals("type") ? value : q.type());
    }

    @Test
    void byDefaultActiveImagesOfAllThreeSetsOldestFirst() {
        assertThat(list(q -> q)).containsExactly("ownOld", "bobPublic", "bobShared", "ownNew");
    }

    static Stream<Arguments> filters() {
        String bob = BOB.id().toString();
        String alice = ALICE.id().toString();
        return Stream.of(
                Arguments.of("state", "all", List.of("ownUnactivated", "ownCreating", "bobSharedDisabled",
                        "ownDisabled", "ownOld", "bobPublic", "bobShared", "ownNew")),
                Arguments.of("state", "active", List.of("ownOld", "bobPublic", "bobShared", "ownNew")),
                Arguments.of("state", "disabled", List.of("ownDisabled")),
                Arguments.of("state", "unactivated", List.of("ownUnactivated")),
                Arguments.of("state", "creating", List.of("ownCreating")),
                Arguments.of("state", "failed", List.of()),
                Arguments.of("public", "true", List.of("bobPublic")),
                Arguments.of("public", "false", List.of("ownOld", "bobShared", "ownNew")),
                Arguments.of("owner", alice, List.of("ownOld", "ownNew")),
                Arguments.of("owner", bob, List.of("bobPublic", "bobShared")),
                Arguments.of("name", "base", List.of("ownOld")),
                Arguments.of("name", "~base", List.of("ownOld", "bobShared", "ownNew")),
                Arguments.of("name", "~Base", List.of()),
                Arguments.of("version", "~2", List.of("bobPublic", "ownNew")),
                Arguments.of("version", "2.0.0", List.of("ownNew")),
                Arguments.of("os", "linux", List.of("bobPublic", "ownNew")),
                Arguments.of("type", "lx-dataset", List.of("ownNew")),
                Arguments.of("type", "docker", List.of("ownDocker")),
                Arguments.of("type", "zone-dataset", List.of("ownOld", "bobPublic", "bobShared")),
                Arguments.of("type", "bogus", List.of()));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("filters")
    void eachQueryParameterReachesTheFilter(String field, String value, List<String> expected) {
        assertThat(list(q -> with(q, field, value))).containsExactlyElementsOf(expected);
    }

    @Test
    void filtersCombine() {
        assertThat(list(q -> with(with(with(q, "state", "all"), "owner", BOB.id().toString()), "name", "~bob")))
                .containsExactly("bobSharedDisabled", "bobShared");
    }

    @Test
    void bobSeesOnlyWhatIsHisOrPublic() {
        List<UUID> found = listed(ListImagesQuery.everything(BOB)).stream().map(Image::id).toList();
        assertThat(found).containsExactly(ids.get("bobPrivate"), ids.get("bobPublic"), ids.get("bobShared"));
    }
}
