package dev.imageservice.adapter.persistence.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.adapter.persistence.Database;
import dev.imageservice.adapter.persistence.LockWaits;
import dev.imageservice.adapter.persistence.Tx;
import dev.imageservice.application.port.out.ImageRepository;
import dev.imageservice.domain.access.ImageListFilter;
import dev.imageservice.domain.access.StateFilter;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.Acl;
import dev.imageservice.domain.image.Compression;
import dev.imageservice.domain.image.Description;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageError;
import dev.imageservice.domain.image.ImageFile;
import dev.imageservice.domain.image.ImageName;
import dev.imageservice.domain.image.ImageOs;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.image.ImageType;
import dev.imageservice.domain.image.ImageUpdate;
import dev.imageservice.domain.image.ImageVersion;
import dev.imageservice.domain.image.Manifest;
import dev.imageservice.domain.image.Requirements;
import dev.imageservice.domain.image.Tags;
import dev.imageservice.domain.image.WebAddress;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DatabaseImageRepositoryTest {

    private static final UUID OWNER = UUID.fromString("a11ce000-0000-4000-8000-000000000001");
    private static final UUID FRIEND = UUID.fromString("b0b00000-0000-4000-8000-000000000002");
    private static final UUID STRANGER = UUID.fromString("ca201000-0000-4000-8000-000000000003");

    @Inject
    ImageRepository images;
    @Inject
    Database db;

    @BeforeEach
    void empty() {
        StoredImages.deleteAll();
    }

    private static Manifest everyField(UUID origin) {
        Map<String, Object> requirements = new LinkedHashMap<>();
        requirements.put("min_ram", 512);
        requirements.put("max_ram", 8192);
        requirements.put("brand", "bhyve");
        requirements.put("bootrom", "uefi");
        requirements.put("ssh_key", true);
        requirements.put("networks", List.of(Map.of("name", "net0", "description", "public")));
        requirements.put("min_platform", Map.of("7.0", "20200101T000000Z"));
        Map<String, Object> tags = new LinkedHashMap<>();
        tags.put("role", "db");
        tags.put("count", 3);
        tags.put("ratio", 2.5);
        tags.put("on", false);
        tags.put("none", null);
        tags.put("nested", Map.of("list", List.of(1, "two", Map.of("three", 3)), "empty", Map.of()));
        return new Manifest(ImageName.of("base-64 lts"), ImageVersion.of("24.4.1+b2"),
                Description.of("A base image: \"quoted\", ünïcode, 日本語 and a\nnewline"),
                new WebAddress("homepage", "https://example.com/base?x=1&y=2"),
                new WebAddress("eula", "http://example.com/eula"), ImageOs.SMARTOS, ImageType.ZONE_DATASET,
                Requirements.of(requirements), Tags.of(tags), new Acl(List.of(FRIEND, STRANGER)), true, origin);
    }

    private static Image minimal(UUID owner) {
        return Image.create(UUID.randomUUID(), owner, Manifest.named(ImageName.of("min"), ImageVersion.of("1")),
                ImageState.CREATING);
    }

    /**
     * Read both ways a request reads: within a transaction (through the session) and outside one (plain
     * JDBC, as GetImage does); the two must agree on everything, the revision included.
     */
    private Image load(UUID id) {
        Image inTransaction = Tx.call(() -> images.findById(id).orElseThrow());
        Image outside = Tx.outside(() -> images.findById(id).orElseThrow());
        assertSameImage(outside, inTransaction);
        assertThat(outside.revision()).isEqualTo(inTransaction.revision());
        return inTransaction;
    }

    private static void assertSameImage(Image actual, Image expected) {
        assertThat(actual.id()).isEqualTo(expected.id());
        assertThat(actual.owner()).isEqualTo(expected.owner());
        assertThat(actual.manifest()).isEqualTo(expected.manifest());
        assertThat(actual.state()).isEqualTo(expected.state());
        assertThat(actual.error()).isEqualTo(expected.error());
        assertThat(actual.file()).isEqualTo(expected.file());
        assertThat(actual.publishedAt()).isEqualTo(expected.publishedAt());
    }

    @Test
    void everyFieldRoundTrips() {
        UUID origin = UUID.randomUUID();
        Image image = Image.restore(UUID.randomUUID(), OWNER, everyField(origin), ImageState.ACTIVE, null,
                new ImageFile("0123456789abcdef0123456789abcdef01234567", 123_456_789_012L, Compression.BZIP2,
                        "ab".repeat(32)),
                Instant.parse("2024-01-02T03:04:05.678Z"), 0);
        Tx.run(() -> images.add(image));

        Image loaded = load(image.id());

        assertSameImage(loaded, image);
        assertThat(loaded.manifest().requirements().others()).containsEntry("networks",
                List.of(Map.of("name", "net0", "description", "public")));
        assertThat(loaded.manifest().tags().values()).containsEntry("nested",
                Map.of("list", List.of(1, "two", Map.of("three", 3)), "empty", Map.of())).containsEntry("none", null);
        assertThat(loaded.manifest().acl().accounts()).containsExactly(FRIEND, STRANGER);
        assertThat(loaded.manifest().origin()).isEqualTo(origin);
        assertThat(loaded.publishedAt().toEpochMilli() % 1000).isEqualTo(678);
        assertThat(loaded.revision()).isZero();
    }

    @Test
    void aFailedImageKeepsItsError() {
        Image image = minimal(OWNER);
        image.fail(new ImageError("PrepareImageDidNotRun", "the prepare script did not run"));
        Tx.run(() -> images.add(image));

        Image loaded = load(image.id());

        assertSameImage(loaded, image);
        assertThat(loaded.error()).isEqualTo(new ImageError("PrepareImageDidNotRun", "the prepare script did not run"));
    }

    @Test
    void absentOptionalFieldsStayAbsent() {
        Image image = minimal(OWNER);
        Tx.run(() -> images.add(image));

        Image loaded = load(image.id());

        assertSameImage(loaded, image);
        Manifest m = loaded.manifest();
        assertThat(m.description()).isNull();
        assertThat(m.homepage()).isNull();
        assertThat(m.os()).isNull();
        assertThat(m.type()).isNull();
        assertThat(m.origin()).isNull();
        assertThat(m.requirements()).isEqualTo(Requirements.NONE);
        assertThat(m.tags()).isEqualTo(Tags.EMPTY);
        assertThat(m.acl()).isEqualTo(Acl.EMPTY);
        assertThat(loaded.file()).isNull();
        assertThat(loaded.publishedAt()).isNull();
    }

    @Test
    void anAbsentImageIsEmpty() {
        assertThat(Tx.call(() -> images.findById(UUID.randomUUID()))).isEmpty();
        assertThat(Tx.outside(() -> images.findById(UUID.randomUUID()))).isEmpty();
    }

    /** Every column the entity maps, each set: the plain JDBC read must fill each as Hibernate does. */
    @Test
    void theReadOutsideATransactionFillsEveryColumnAsHibernateDoes() throws Exception {
        ImageEntity stored = new ImageEntity();
        for (Field field : mappedFields()) {
            field.set(stored, sampleOf(field));
        }
        Tx.run(() -> Tx.session().persist(stored));

        ImageEntity byHibernate = Tx.call(() -> Tx.session().find(ImageEntity.class, stored.id));
        ImageEntity byJdbc = Tx.outside(() -> Tx.session().doReturningWork(c -> ImageRowReader.read(c, stored.id)));

        for (Field field : mappedFields()) {
            assertThat(field.get(byJdbc)).as(field.getName()).isNotNull().isEqualTo(field.get(byHibernate));
        }
    }

    /** The fields Hibernate maps to columns, as its metamodel lists them. */
    private static List<Field> mappedFields() {
        return Tx.session().getMetamodel().entity(ImageEntity.class).getAttributes().stream()
                .map(attribute -> {
                    Field field = (Field) attribute.getJavaMember();
                    field.setAccessible(true);
                    return field;
                })
                .toList();
    }

    /** A value of the field's type that no column holds by default (a JSON column needs JSON). */
    private static Object sampleOf(Field field) {
        Class<?> type = field.getType();
        if (type == UUID.class) {
            return UUID.randomUUID();
        } else if (type == Instant.class) {
            return Instant.parse("2024-01-02T03:04:05.678Z");
        } else if (type == boolean.class) {
            return true;
        } else if (type == long.class || type == Long.class) {
            return 7L;
        } else if (field.getName().endsWith("Json")) {
            return "{\"" + field.getName() + "\":1}";
        } else if (type == String.class) {
            return field.getName().substring(0, Math.min(8, field.getName().length())); // the narrowest column is 8
        }
        throw new AssertionError("no sample for " + field + ": add one");
    }

    @Test
    void stateChangesAndUpdatesAreStoredAndCountRevisions() {
        Image image = minimal(OWNER);
        Tx.run(() -> images.add(image));

        Tx.run(() -> {
            Image loaded = images.findById(image.id()).orElseThrow();
            loaded.attachFile(new ImageFile("0123456789abcdef0123456789abcdef01234567", 1, Compression.NONE, null));
            loaded.activate(Instant.parse("2025-01-01T00:00:00.123456Z"));
            images.update(loaded);
        });
        Image activated = load(image.id());
        assertThat(activated.state()).isEqualTo(ImageState.ACTIVE);
        assertThat(activated.publishedAt()).isEqualTo(Instant.parse("2025-01-01T00:00:00.123Z"));
        assertThat(activated.revision()).isEqualTo(1);

        Map<String, Object> fields = new HashMap<>();
        fields.put("name", "renamed");
        fields.put("acl", List.of(FRIEND.toString()));
        fields.put("tags", Map.of("k", "v"));
        Tx.run(() -> {
            Image loaded = images.findById(image.id()).orElseThrow();
            loaded.update(ImageUpdate.of(fields));
            images.update(loaded);
        });
        Image updated = load(image.id());
        assertThat(updated.manifest().name().value()).isEqualTo("renamed");
        assertThat(updated.manifest().acl().accounts()).containsExactly(FRIEND);
        assertThat(updated.manifest().tags().values()).isEqualTo(Map.of("k", "v"));
        assertThat(updated.revision()).isEqualTo(2);
    }

    private Image recent(UUID id) {
        return Tx.outside(() -> images.findRecent(id)).orElseThrow();
    }

    @Test
    void aRecentImageShowsAChangeMadeHereAtOnce() {
        Image image = minimal(OWNER);
        Tx.run(() -> images.add(image));
        assertThat(recent(image.id()).revision()).isZero();

        Tx.run(() -> {
            Image loaded = images.findById(image.id()).orElseThrow();
            loaded.update(ImageUpdate.of(Map.of("description", "changed")));
            images.update(loaded);
        });
        Image changed = recent(image.id());
        assertThat(changed.revision()).isEqualTo(1);
        assertThat(changed.manifest().description().value()).isEqualTo("changed");

        assertThat(Tx.outside(() -> images.findRecentInMemory(image.id()))).isPresent();
        Tx.run(() -> images.delete(images.findById(image.id()).orElseThrow()));
        assertThat(Tx.outside(() -> images.findRecentInMemory(image.id()))).isEmpty();
        assertThat(Tx.outside(() -> images.findRecent(image.id()))).isEmpty();
    }

    /** Another instance's change reaches this one through the database only: it shows once the read it replaced has aged. */
    @Test
    void aRecentImageShowsAChangeMadeElsewhereWithinItsAge() throws InterruptedException {
        Image image = minimal(OWNER);
        Tx.run(() -> images.add(image));
        assertThat(recent(image.id()).manifest().name().value()).isEqualTo("min");
        long before = System.nanoTime();

        Tx.run(() -> Tx.session().createMutationQuery("update ImageEntity set name = 'elsewhere' where id = :id")
                .setParameter("id", image.id()).executeUpdate());
        String shown = recent(image.id()).manifest().name().value();
        if (System.nanoTime() - before < ImageRepository.RECENT.toNanos()) {
            assertThat(shown).as("the read kept for at most RECENT").isEqualTo("min");
        }
        Thread.sleep(ImageRepository.RECENT.toMillis());
        assertThat(recent(image.id()).manifest().name().value()).isEqualTo("elsewhere");
    }

    @Test
    void withinATransactionARecentImageIsTheTransactionsOwn() {
        Image image = minimal(OWNER);
        Tx.run(() -> images.add(image));
        recent(image.id());

        String seen = Tx.call(() -> {
            Image loaded = images.findById(image.id()).orElseThrow();
            loaded.update(ImageUpdate.of(Map.of("description", "uncommitted")));
            images.update(loaded);
            assertThat(images.findRecentInMemory(image.id())).as("nothing at hand within a transaction").isEmpty();
            return images.findRecent(image.id()).orElseThrow().manifest().description().value();
        });
        assertThat(seen).isEqualTo("uncommitted");
    }

    @Test
    void aStaleUpdateFromAnotherTransactionIsAConflict() {
        Image image = minimal(OWNER);
        Tx.run(() -> images.add(image));
        Image first = load(image.id());
        Image second = load(image.id());

        first.update(ImageUpdate.of(Map.of("description", "first")));
        Tx.run(() -> images.update(first));
        second.update(ImageUpdate.of(Map.of("description", "second")));

        assertThatThrownBy(() -> Tx.run(() -> images.update(second)))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        Image stored = load(image.id());
        assertThat(stored.manifest().description().value()).isEqualTo("first");
        assertThat(stored.revision()).isEqualTo(1);
    }

    @Test
    void aStaleUpdateInTheSameTransactionIsAConflict() {
        Image image = minimal(OWNER);
        Tx.run(() -> images.add(image));

        assertThatThrownBy(() -> Tx.run(() -> {
            Image first = images.findById(image.id()).orElseThrow();
            Image second = images.findById(image.id()).orElseThrow();
            first.update(ImageUpdate.of(Map.of("description", "first")));
            images.update(first);
            second.update(ImageUpdate.of(Map.of("description", "second")));
            images.update(second);
        })).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(load(image.id()).revision()).isZero();
    }

    /**
     * Two requests interleave: both load revision 0 before either writes. The second one's own check
     * passes (its copy is as stale as its image), so the database's version check has to catch it.
     */
    @Test
    void interleavedTransactionsAreAConflictAtFlush() throws Exception {
        Image image = minimal(OWNER);
        Tx.run(() -> images.add(image));
        CountDownLatch loaded = new CountDownLatch(1);
        CountDownLatch otherCommitted = new CountDownLatch(1);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<?> slow = executor.submit(() -> Tx.run(() -> {
                Image mine = images.findById(image.id()).orElseThrow();
                loaded.countDown();
                await(otherCommitted);
                mine.update(ImageUpdate.of(Map.of("description", "slow")));
                images.update(mine);
            }));
            await(loaded);
            Tx.run(() -> {
                Image fast = images.findById(image.id()).orElseThrow();
                fast.update(ImageUpdate.of(Map.of("description", "fast")));
                images.update(fast);
            });
            otherCommitted.countDown();

            assertThatThrownBy(() -> slow.get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(DomainException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        } finally {
            executor.shutdownNow();
        }
        Image stored = load(image.id());
        assertThat(stored.manifest().description().value()).isEqualTo("fast");
        assertThat(stored.revision()).isEqualTo(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void updatingAnAbsentImageIsNotFound() {
        Image image = minimal(OWNER);
        assertThatThrownBy(() -> Tx.run(() -> images.update(image)))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND));
    }

    @Test
    void anIdIsAddedOnce() {
        Image image = minimal(OWNER);
        Tx.run(() -> images.add(image));
        Image sameId = Image.create(image.id(), FRIEND, Manifest.named(ImageName.of("other"), ImageVersion.of("2")),
                ImageState.UNACTIVATED);

        assertThatThrownBy(() -> Tx.run(() -> images.add(sameId)))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.IMAGE_UUID_ALREADY_EXISTS));
        assertThat(load(image.id()).owner()).isEqualTo(OWNER);
    }

    @Test
    void imagesAreAddedTogetherOrNotAtAll() {
        Image shared = Image.create(UUID.randomUUID(), OWNER,
                Manifest.named(ImageName.of("shared"), ImageVersion.of("1")).withAcl(new Acl(List.of(FRIEND))),
                ImageState.UNACTIVATED);
        List<Image> batch = List.of(minimal(OWNER), shared, minimal(FRIEND));
        Tx.run(() -> images.addAll(batch));
        for (Image image : batch) {
            assertSameImage(load(image.id()), image);
        }
        assertThat(aclRows(shared.id())).containsExactly(FRIEND);

        Image fresh = minimal(OWNER);
        Image again = minimal(OWNER);
        for (List<Image> refused : List.of(List.of(fresh, minimal(FRIEND), batch.get(1)), List.of(fresh, again, again))) {
            assertThatThrownBy(() -> Tx.run(() -> images.addAll(refused)))
                    .isInstanceOfSatisfying(DomainException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.IMAGE_UUID_ALREADY_EXISTS));
        }
        assertThat(Tx.call(() -> images.findById(fresh.id()))).isEmpty();
        assertThat(Tx.call(() -> images.findById(again.id()))).isEmpty();
    }

    /** As a clone holds its source: the owner's delete of it waits until the clone's transaction ends. */
    @Test
    void aDeleteWaitsForTheTransactionThatFoundTheImageLocked() throws Exception {
        Image image = minimal(OWNER);
        Tx.run(() -> images.add(image));
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch end = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            Future<?> holder = executor.submit(() -> Tx.run(() -> {
                assertThat(images.findLocked(image.id())).isPresent();
                locked.countDown();
                await(end);
            }));
            await(locked);
            Future<?> delete = executor.submit(() -> Tx.run(() -> images.delete(images.findById(image.id()).orElseThrow())));
            LockWaits.awaitDoneOrWaiting(delete);
            boolean deleteWaited = !delete.isDone();
            end.countDown();
            holder.get(30, TimeUnit.SECONDS);
            delete.get(30, TimeUnit.SECONDS);
            assertThat(deleteWaited).isTrue();
        } finally {
            end.countDown();
            executor.shutdownNow();
        }
        assertThat(Tx.call(() -> images.findById(image.id()))).isEmpty();
    }

    /** A clone whose source is being deleted waits for that delete, and then finds no source. */
    @Test
    void anImageWhoseDeleteIsNotCommittedYetIsAbsentOnceItIs() throws Exception {
        Image image = minimal(OWNER);
        Tx.run(() -> images.add(image));
        CountDownLatch deleted = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            Future<?> delete = executor.submit(() -> Tx.run(() -> {
                images.delete(images.findById(image.id()).orElseThrow());
                deleted.countDown();
                await(commit);
            }));
            await(deleted);
            Future<Optional<Image>> found = executor.submit(() -> Tx.call(() -> images.findLocked(image.id())));
            LockWaits.awaitDoneOrWaiting(found);
            boolean readerWaited = !found.isDone();
            commit.countDown();
            delete.get(30, TimeUnit.SECONDS);
            assertThat(found.get(30, TimeUnit.SECONDS)).isEmpty();
            assertThat(readerWaited).isTrue();
        } finally {
            commit.countDown();
            executor.shutdownNow();
        }
    }

    /**
     * A lock waited for past the database's lock timeout is a conflict the client may retry. H2 gives
     * up after 2 s; PostgreSQL, which waits as long as it takes unless told, is told 200 ms here.
     */
    @Test
    void aLockWaitedForTooLongIsAConflict() {
        Image image = minimal(OWNER);
        Tx.run(() -> images.add(image));
        CountDownLatch deleted = new CountDownLatch(1);
        CountDownLatch end = new CountDownLatch(1);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            executor.submit(() -> Tx.run(() -> {
                images.delete(images.findById(image.id()).orElseThrow());
                deleted.countDown();
                await(end);
            }));
            await(deleted);
            assertThatThrownBy(() -> Tx.run(() -> {
                if (!db.embedded()) {
                    Tx.session().createNativeMutationQuery("set local lock_timeout = '200ms'").executeUpdate();
                }
                images.findLocked(image.id());
            })).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        } finally {
            end.countDown();
            executor.shutdown();
        }
    }

    @Test
    void anImageNamedAsOriginHasDependents() {
        Image base = minimal(OWNER);
        Image derived = Image.create(UUID.randomUUID(), FRIEND,
                Manifest.named(ImageName.of("derived"), ImageVersion.of("1")).withOrigin(base.id()), ImageState.CREATING);
        Tx.run(() -> {
            images.add(base);
            images.add(derived);
        });

        assertThat(Tx.call(() -> images.hasDependents(base.id()))).isTrue();
        assertThat(Tx.call(() -> images.hasDependents(derived.id()))).isFalse();
        Tx.run(() -> images.delete(derived));
        assertThat(Tx.call(() -> images.hasDependents(base.id()))).isFalse();
    }

    @Test
    void aclRowsFollowTheAclAndGoWithTheImage() {
        Image image = Image.create(UUID.randomUUID(), OWNER,
                Manifest.named(ImageName.of("shared"), ImageVersion.of("1")).withAcl(new Acl(List.of(FRIEND, STRANGER))),
                ImageState.CREATING);
        Tx.run(() -> images.add(image));
        assertThat(aclRows(image.id())).containsExactlyInAnyOrder(FRIEND, STRANGER);

        Tx.run(() -> {
            Image loaded = images.findById(image.id()).orElseThrow();
            loaded.update(ImageUpdate.of(Map.of("acl", List.of(STRANGER.toString(), OWNER.toString()))));
            images.update(loaded);
        });
        assertThat(aclRows(image.id())).containsExactlyInAnyOrder(STRANGER, OWNER);

        // The copy loaded before the update is stale: deleting it is a conflict and removes nothing.
        assertThatThrownBy(() -> Tx.run(() -> images.delete(image)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(aclRows(image.id())).containsExactlyInAnyOrder(STRANGER, OWNER);

        Tx.run(() -> images.delete(images.findById(image.id()).orElseThrow()));
        assertThat(aclRows(image.id())).isEmpty();
        assertThat(Tx.call(() -> images.findById(image.id()))).isEmpty();
    }

    @Test
    void listOrderIsPublishedAtAscendingWithUnpublishedFirstThenId() {
        Instant tie = Instant.parse("2024-01-01T00:00:00Z");
        Image late = stored("f0000000-0000-4000-8000-000000000000", Instant.parse("2024-05-01T00:00:00.001Z"));
        Image tieHigh = stored("80000000-0000-4000-8000-000000000000", tie);
        Image tieLow = stored("7fffffff-0000-4000-8000-000000000000", tie);
        Image early = stored("00000000-0000-4000-8000-000000000001", Instant.parse("2023-05-01T00:00:00Z"));
        Image unpublishedHigh = stored("ffffffff-ffff-4fff-bfff-ffffffffffff", null);
        Image unpublishedLow = stored("00000000-0000-4000-8000-000000000000", null);

        ImageListFilter all = new ImageListFilter(OWNER, StateFilter.ALL, null, null, null, null, null, null);
        List<UUID> listed = Tx.call(() -> images.list(all)).stream().map(Image::id).toList();

        assertThat(listed).containsExactly(unpublishedLow.id(), unpublishedHigh.id(), early.id(), tieLow.id(),
                tieHigh.id(), late.id());
    }

    /**
     * Unpublished rows and rows of one published_at each fill more than a page, so that pages end
     * within runs of equal published_at: the listing is the whole list, in order, across page
     * boundaries, read outside a transaction (a page each) and within one.
     */
    @Test
    void aListingAcrossPagesIsTheWholeListInOrder() {
        Instant tie = Instant.parse("2024-01-01T00:00:00Z");
        List<Image> rows = new ArrayList<>();
        for (int i = 0; i < DatabaseImageRepository.PAGE_SIZE + 1; i++) {
            rows.add(unstored(null));
            rows.add(unstored(tie));
        }
        for (int i = 0; i < 10; i++) {
            rows.add(unstored(tie.minusSeconds(i)));
            rows.add(unstored(tie.plusSeconds(i)));
        }
        Tx.run(() -> images.addAll(rows));
        List<UUID> expected = rows.stream().sorted(LIST_ORDER).map(Image::id).toList();

        ImageListFilter all = new ImageListFilter(OWNER, StateFilter.ALL, null, null, null, null, null, null);
        assertThat(Tx.outside(() -> images.list(all))).extracting(Image::id).containsExactlyElementsOf(expected);
        assertThat(Tx.call(() -> images.list(all))).extracting(Image::id).containsExactlyElementsOf(expected);
        // With ?owner= the query orders by the owner too, which must change nothing.
        ImageListFilter owned = new ImageListFilter(OWNER, StateFilter.ALL, null, OWNER, null, null, null, null);
        assertThat(Tx.outside(() -> images.list(owned))).extracting(Image::id).containsExactlyElementsOf(expected);
    }

    /**
     * Rows added, removed and published while a listing is between pages: every row present throughout
     * comes once, in order, and a row published after it was handed over (its key moves from the
     * unpublished rows to the end) does not come again.
     */
    @Test
    void changesBetweenPagesNeitherRepeatNorSkipRowsPresentThroughout() {
        Instant published = Instant.parse("2024-01-01T00:00:00Z");
        List<Image> rows = new ArrayList<>();
        for (int i = 0; i < 2 * DatabaseImageRepository.PAGE_SIZE; i++) {
            rows.add(unstored(i % 2 == 0 ? null : published.plusSeconds(i)));
        }
        Tx.run(() -> images.addAll(rows));
        List<Image> ordered = rows.stream().sorted(LIST_ORDER).toList();
        Image first = ordered.get(0);
        Image removed = ordered.get(ordered.size() - 1);

        ImageListFilter all = new ImageListFilter(OWNER, StateFilter.ALL, null, null, null, null, null, null);
        List<UUID> listed = new ArrayList<>();
        Tx.outside(() -> {
            images.forEachMatching(all, image -> {
                if (listed.isEmpty()) {
                    Tx.run(() -> {
                        Image publishing = images.findById(first.id()).orElseThrow();
                        publishing.keepPublishedAt(published.plusSeconds(100_000));
                        images.update(publishing);
                    });
                    Tx.run(() -> images.delete(images.findById(removed.id()).orElseThrow()));
                    Tx.run(() -> images.add(unstored(published.plusSeconds(200_000))));
                }
                listed.add(image.id());
            });
            return null;
        });

        List<UUID> throughout = ordered.subList(1, ordered.size() - 1).stream().map(Image::id).toList();
        assertThat(listed).doesNotHaveDuplicates().startsWith(first.id());
        assertThat(listed.stream().filter(throughout::contains).toList()).containsExactlyElementsOf(throughout);
        assertThat(listed).doesNotContain(removed.id()).hasSize(throughout.size() + 2);
    }

    /** The list order as the databases sort: uuids compare as unsigned bytes, as their hex text does. */
    private static final Comparator<Image> LIST_ORDER = Comparator
            .comparing(Image::publishedAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .thenComparing(image -> image.id().toString());

    private static Image unstored(Instant publishedAt) {
        return Image.restore(UUID.randomUUID(), OWNER, Manifest.named(ImageName.of("i"), ImageVersion.of("1")),
                publishedAt == null ? ImageState.UNACTIVATED : ImageState.ACTIVE, null, null, publishedAt, 0);
    }

    private Image stored(String id, Instant publishedAt) {
        Image image = Image.restore(UUID.fromString(id), OWNER, Manifest.named(ImageName.of("i"), ImageVersion.of("1")),
                publishedAt == null ? ImageState.UNACTIVATED : ImageState.ACTIVE, null, null, publishedAt, 0);
        Tx.run(() -> images.add(image));
        return image;
    }

    private static List<UUID> aclRows(UUID imageId) {
        return Tx.call(() -> Tx.session()
                .createSelectionQuery("select accountId from ImageAclEntry where imageId = :image", UUID.class)
                .setParameter("image", imageId).getResultList());
    }
}
