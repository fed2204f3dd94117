package dev.imageservice.domain.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.domain.image.Acl;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageFixtures;
import dev.imageservice.domain.image.ImageState;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who sees what (docs/compatibility.md) as a matrix: two accounts, each owning an image in every state × public/private ×
 * shared/not shared with the other, seen from both sides through every state/public/owner filter.
 */
class VisibilityMatrixTest {

    static final UUID ALICE = UUID.fromString("a11ce000-0000-4000-8000-000000000001");
    static final UUID BOB = UUID.fromString("b0b00000-0000-4000-8000-000000000002");
    static final UUID CAROL = UUID.fromString("ca201000-0000-4000-8000-000000000003");

    /** One image of the matrix and the facts the spec's rules are written in. */
    record Cell(Image image, UUID owner, ImageState state, boolean isPublic, boolean sharedWithOtherAccount) {
        @Override
        public String toString() {
            return (owner.equals(ALICE) ? "alice" : "bob") + "/" + state.wireName() + (isPublic ? "/public" : "/private")
                    + (sharedWithOtherAccount ? "/shared" : "");
        }
    }

    static final List<Cell> MATRIX = matrix();

    private static List<Cell> matrix() {
        List<Cell> cells = new ArrayList<>();
        for (UUID owner : List.of(ALICE, BOB)) {
            UUID otherAccount = owner.equals(ALICE) ? BOB : ALICE;
            for (ImageState state : ImageState.values()) {
                for (boolean isPublic : new boolean[] {true, false}) {
                    for (boolean shared : new boolean[] {true, false}) {
                        // An unshared image still has an ACL (with a third account), so "non-empty" is not "shared".
                        List<UUID> acl = shared ? List.of(CAROL, otherAccount) : List.of(CAROL);
                        Image image = ImageFixtures.inState(state, owner, ImageFixtures.manifest(isPublic, acl));
                        cells.add(new Cell(image, owner, state, isPublic, shared));
                    }
                }
            }
        }
        return cells;
    }

    private static UUID account(String name) {
        return name.equals("alice") ? ALICE : BOB;
    }

    private static UUID otherThan(UUID caller) {
        return caller.equals(ALICE) ? BOB : ALICE;
    }

    // ---- the spec, written out from docs/compatibility.md, "Who sees what", independently of the production code

    /** GetImage: the owner sees every state; others only activated images that are public or shared with them. */
    private static boolean specCanSee(UUID caller, Cell cell) {
        boolean own = cell.owner.equals(caller);
        boolean activated = cell.state == ImageState.ACTIVE || cell.state == ImageState.DISABLED;
        return own || (activated && (cell.isPublic || cell.sharedWithOtherAccount));
    }

    /** ListImages = own ∪ public activated ∪ shared activated, then state, public and owner filters. */
    private static boolean specListed(UUID caller, String state, Boolean isPublic, String owner, Cell cell) {
        boolean own = cell.owner.equals(caller);
        if (!specCanSee(caller, cell)) {
            return false;
        }
        boolean stateOk = switch (state == null ? "active" : state) {
            case "active" -> cell.state == ImageState.ACTIVE;
            case "all" -> true;
            default -> own && cell.state.wireName().equals(state);
        };
        boolean publicOk = isPublic == null || isPublic == cell.isPublic;
        boolean ownerOk = owner == null || (owner.equals("self") ? own : !own);
        return stateOk && publicOk && ownerOk;
    }

    // ----

    static Stream<Arguments> callersAndCells() {
        return Stream.of(ALICE, BOB).flatMap(caller -> MATRIX.stream().map(cell -> Arguments.of(caller, cell)));
    }

    @ParameterizedTest(name = "{0} sees {1}")
    @MethodSource("callersAndCells")
    void canSee(UUID caller, Cell cell) {
        assertThat(ImageAccess.canSee(caller, cell.image)).isEqualTo(specCanSee(caller, cell));
    }

    static Stream<Arguments> filters() {
        List<String> states = List.of("", "active", "all", "disabled", "unactivated", "creating", "failed");
        List<String> publics = List.of("", "true", "false");
        List<String> owners = List.of("", "self", "other");
        List<Arguments> all = new ArrayList<>();
        for (String caller : List.of("alice", "bob")) {
            for (String state : states) {
                for (String isPublic : publics) {
                    for (String owner : owners) {
                        all.add(Arguments.of(caller, state, isPublic, owner));
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}: state={1} public={2} owner={3}")
    @MethodSource("filters")
    void listFilterMatchesTheSpec(String callerName, String state, String isPublic, String owner) {
        UUID caller = account(callerName);
        ImageListFilter filter = filter(caller, state, isPublic, owner);
        String stateOrNull = state.isEmpty() ? null : state;
        Boolean publicOrNull = isPublic.isEmpty() ? null : Boolean.valueOf(isPublic);
        String ownerOrNull = owner.isEmpty() ? null : owner;

        List<String> actual = MATRIX.stream().filter(cell -> filter.matches(cell.image)).map(Cell::toString).toList();
        List<String> expected = MATRIX.stream()
                .filter(cell -> specListed(caller, stateOrNull, publicOrNull, ownerOrNull, cell))
                .map(Cell::toString).toList();

        assertThat(actual).isEqualTo(expected);
    }

    /** Hand-counted from the matrix (20 own images, 6 of the other's visible), so the oracle is checked too. */
    @ParameterizedTest(name = "state={0} public={1} owner={2} -> {3}")
    @CsvSource({
            ",,,7",
            "active,,,7",
            "all,,,26",
            "disabled,,,4",
            "unactivated,,,4",
            "creating,,,4",
            "failed,,,4",
            ",true,,4",
            ",false,,3",
            "all,true,,14",
            "all,false,,12",
            ",,self,4",
            ",,other,3",
            "all,,self,20",
            "all,,other,6",
            "disabled,,other,0",
            "all,false,other,2",
            "failed,true,self,2",
    })
    void listCounts(String state, String isPublic, String owner, int expected) {
        for (UUID caller : List.of(ALICE, BOB)) {
            ImageListFilter filter = filter(caller, nullToEmpty(state), nullToEmpty(isPublic), nullToEmpty(owner));
            assertThat(MATRIX.stream().filter(cell -> filter.matches(cell.image))).hasSize(expected);
        }
    }

    @ParameterizedTest
    @CsvSource({"alice", "bob"})
    void eachCallerSeesTwentySixImages(String callerName) {
        UUID caller = account(callerName);
        assertThat(MATRIX.stream().filter(cell -> ImageAccess.canSee(caller, cell.image))).hasSize(26);
        assertThat(MATRIX.stream().filter(cell -> specCanSee(caller, cell))).hasSize(26);
    }

    @ParameterizedTest
    @CsvSource({"alice", "bob"})
    void anOwnerFilterNamingAThirdAccountFindsNothingOfThese(String callerName) {
        ImageListFilter filter = new ImageListFilter(account(callerName), StateFilter.ALL, null, CAROL,
                null, null, null, null);
        assertThat(MATRIX.stream().filter(cell -> filter.matches(cell.image))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"alice", "bob"})
    void theAclAloneNeverShowsAnUnactivatedImage(String callerName) {
        UUID caller = account(callerName);
        Image shared = ImageFixtures.inState(ImageState.UNACTIVATED, otherThan(caller),
                ImageFixtures.manifest(true, List.of(caller)));
        assertThat(ImageAccess.canSee(caller, shared)).isFalse();
        assertThat(filter(caller, "all", "", "").matches(shared)).isFalse();
        assertThat(new Acl(List.of(caller)).contains(caller)).isTrue();
    }

    private static ImageListFilter filter(UUID caller, String state, String isPublic, String owner) {
        UUID ownerId = switch (owner) {
            case "" -> null;
            case "self" -> caller;
            default -> otherThan(caller);
        };
        return new ImageListFilter(caller, StateFilter.parse(state.isEmpty() ? null : state),
                ImageListFilter.parsePublic(isPublic.isEmpty() ? null : isPublic), ownerId, null, null, null, null);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
