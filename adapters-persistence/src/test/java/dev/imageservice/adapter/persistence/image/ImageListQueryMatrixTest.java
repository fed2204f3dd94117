package dev.imageservice.adapter.persistence.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.adapter.persistence.Tx;
import dev.imageservice.application.port.out.ImageRepository;
import dev.imageservice.domain.access.ImageListFilter;
import dev.imageservice.domain.access.StateFilter;
import dev.imageservice.domain.access.TextMatch;
import dev.imageservice.domain.image.Acl;
import dev.imageservice.domain.image.Compression;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageFile;
import dev.imageservice.domain.image.ImageName;
import dev.imageservice.domain.image.ImageOs;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.image.ImageType;
import dev.imageservice.domain.image.ImageVersion;
import dev.imageservice.domain.image.Manifest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The list query runs in the database; {@link ImageListFilter#matches} is the rule. For a matrix of images
 * and many filters, the database must return exactly the images the rule accepts, in the promised order.
 */
@QuarkusTest
class ImageListQueryMatrixTest {

    static final UUID ALICE = UUID.fromString("a11ce000-0000-4000-8000-000000000001");
    static final UUID BOB = UUID.fromString("b0b00000-0000-4000-8000-000000000002");
    static final UUID CAROL = UUID.fromString("ca201000-0000-4000-8000-000000000003");

    private static final List<String> NAMES = List.of("base", "base-64", "Base", "ubuntu", "ubuntu-22.04", "my_image");
    private static final List<String> VERSIONS = List.of("1.0.0", "2.0", "1.0.0+b1", "20240101");
    private static final List<ImageOs> OSES = Arrays.asList(null, ImageOs.SMARTOS, ImageOs.LINUX);
    private static final List<ImageType> TYPES = Arrays.asList(null, ImageType.ZONE_DATASET, ImageType.DOCKER,
            ImageType.LX_DATASET, ImageType.ZVOL);
    private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");

    /** The images of the matrix as built, before storing: the oracle works on these. */
    private static List<Image> matrix;

    @Inject
    ImageRepository images;

    @BeforeEach
    void storeTheMatrixOnce() {
        if (matrix != null && Tx.count(ImageEntity.class) == matrix.size()) {
            return;
        }
        StoredImages.deleteAll();
        List<Image> built = build();
        Tx.run(() -> built.forEach(images::add));
        matrix = built;
    }

    /** owner × state × public × ACL (none, alice, bob, carol, alice+bob), cycling names, versions, os, type, dates. */
    private static List<Image> build() {
        List<List<UUID>> acls = List.of(List.of(), List.of(ALICE), List.of(BOB), List.of(CAROL), List.of(ALICE, BOB));
        List<Image> built = new ArrayList<>();
        int n = 0;
        for (UUID owner : List.of(ALICE, BOB)) {
            for (ImageState state : ImageState.values()) {
                for (boolean isPublic : new boolean[] {true, false}) {
                    for (List<UUID> acl : acls) {
                        Manifest manifest = new Manifest(ImageName.of(NAMES.get(n % NAMES.size())),
                                ImageVersion.of(VERSIONS.get(n % VERSIONS.size())), null, null, null,
                                OSES.get(n % OSES.size()), TYPES.get(n % TYPES.size()), null, null, new Acl(acl),
                                isPublic, null);
                        // Few distinct dates, so that many images tie and the id decides; some unpublished.
                        Instant published = n % 6 == 0 ? null : EPOCH.plus(n % 5, ChronoUnit.DAYS).plusMillis(n % 2);
                        built.add(Image.restore(UUID.randomUUID(), owner, manifest, state, null,
                                state.isActivated() ? new ImageFile("0".repeat(40), n, Compression.GZIP, null) : null,
                                published, 0));
                        n++;
                    }
                }
            }
        }
        return built;
    }

    private void assertDatabaseAgrees(ImageListFilter filter) {
        List<UUID> expected = matrix.stream().filter(filter::matches).sorted(StoredImages.ORDER).map(Image::id).toList();
        List<UUID> actual = Tx.call(() -> images.list(filter)).stream().map(Image::id).toList();
        assertThat(actual).as(filter.toString()).isEqualTo(expected);
    }

    static Stream<Arguments> visibilityFilters() {
        List<Arguments> all = new ArrayList<>();
        for (UUID caller : List.of(ALICE, BOB, CAROL)) {
            for (String state : Arrays.asList(null, "all", "disabled", "unactivated", "creating", "failed")) {
                for (String isPublic : Arrays.asList(null, "true", "false")) {
                    for (UUID owner : Arrays.asList(null, ALICE, BOB, CAROL)) {
                        all.add(Arguments.of(caller, state, isPublic, owner));
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "caller={0} state={1} public={2} owner={3}")
    @MethodSource("visibilityFilters")
    void visibilityStateOwnerAndPublic(UUID caller, String state, String isPublic, UUID owner) {
        assertDatabaseAgrees(new ImageListFilter(caller, StateFilter.parse(state), ImageListFilter.parsePublic(isPublic),
                owner, null, null, null, null));
    }

    static Stream<Arguments> fieldFilters() {
        return Stream.of(
                Arguments.of("base", null, null, null),
                Arguments.of("Base", null, null, null),
                Arguments.of("BASE", null, null, null),
                Arguments.of("~base", null, null, null),
                Arguments.of("~Base", null, null, null),
                Arguments.of("~ase-", null, null, null),
                Arguments.of("~-", null, null, null),
                Arguments.of("~.", null, null, null),
                Arguments.of("~_", null, null, null),
                Arguments.of("~%", null, null, null),
                Arguments.of("~ubuntu-22", null, null, null),
                Arguments.of("ubuntu-22", null, null, null),
                Arguments.of("~", null, null, null),
                Arguments.of(null, "1.0.0", null, null),
                Arguments.of(null, "~1.0.0", null, null),
                Arguments.of(null, "~+", null, null),
                Arguments.of(null, "~2024", null, null),
                Arguments.of(null, "~", null, null),
                Arguments.of(null, null, "linux", null),
                Arguments.of(null, null, "smartos", null),
                Arguments.of(null, null, "Linux", null),
                Arguments.of(null, null, "bsd", null),
                Arguments.of(null, null, null, "docker"),
                Arguments.of(null, null, null, "zone-dataset"),
                Arguments.of(null, null, null, "zvol"),
                Arguments.of(null, null, null, "lxd"),
                Arguments.of(null, null, null, "bogus"),
                Arguments.of("~base", "~1", "smartos", "zone-dataset"),
                Arguments.of("~u", null, "linux", "docker"));
    }

    @ParameterizedTest(name = "name={0} version={1} os={2} type={3}")
    @MethodSource("fieldFilters")
    void nameVersionOsAndType(String name, String version, String os, String type) {
        for (UUID caller : List.of(ALICE, CAROL)) {
            for (StateFilter state : List.of(StateFilter.ACTIVE, StateFilter.ALL)) {
                assertDatabaseAgrees(new ImageListFilter(caller, state, null, null, TextMatch.parse(name),
                        TextMatch.parse(version), os, type));
            }
        }
        assertDatabaseAgrees(new ImageListFilter(BOB, StateFilter.ALL, Boolean.FALSE, ALICE, TextMatch.parse(name),
                TextMatch.parse(version), os, type));
    }

    @Test
    void theMatrixIsNotTrivial() {
        ImageListFilter everything = new ImageListFilter(ALICE, StateFilter.ALL, null, null, null, null, null, null);
        assertThat(matrix).hasSize(100);
        assertThat(matrix.stream().filter(everything::matches).count()).isBetween(40L, 90L);
        assertThat(Tx.call(() -> images.list(everything))).extracting(Image::publishedAt).containsNull();
    }
}
