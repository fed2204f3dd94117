package dev.imageservice.bootstrap.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.adapter.persistence.LockWaits;
import dev.imageservice.application.port.in.CloneImageCommand;
import dev.imageservice.application.port.in.CloneImageUseCase;
import dev.imageservice.application.port.in.DeleteImageCommand;
import dev.imageservice.application.port.in.DeleteImageUseCase;
import dev.imageservice.application.port.in.GetImageQuery;
import dev.imageservice.application.port.in.GetImageUseCase;
import dev.imageservice.application.port.in.ListImagesQuery;
import dev.imageservice.application.port.in.ListImagesUseCase;
import dev.imageservice.application.port.out.Accounts;
import dev.imageservice.application.port.out.ImageFileStore;
import dev.imageservice.application.port.out.ImageFileStore.ExpectedContent;
import dev.imageservice.application.port.out.ImageFileStore.StoredContent;
import dev.imageservice.application.port.out.ImageRepository;
import dev.imageservice.domain.access.StateFilter;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
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
import dev.imageservice.domain.image.Tags;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** CloneImage through its use case against the real database and file store. */
@QuarkusTest
class CloneImageTest {

    @Inject
    CloneImageUseCase cloneImage;
    @Inject
    GetImageUseCase getImage;
    @Inject
    ListImagesUseCase listImages;
    @Inject
    DeleteImageUseCase deleteImage;
    @Inject
    Accounts accounts;
    @Inject
    ImageRepository images;
    @Inject
    ImageFileStore files;
    @Inject
    ReferenceGate gate;

    @Test
    void aSharedImageIsClonedForTheCallerAlone() {
        Account operator = account(true);
        Account bob = account(false);
        Account alice = account(false);
        Image base = image(operator, "base", null, List.of(), true);
        Image shared = image(bob, "shared", base.id(), List.of(alice.id()), false);

        Image clone = cloneImage.cloneImage(new CloneImageCommand(alice, shared.id().toString()));

        assertThat(clone.id()).isNotEqualTo(shared.id());
        assertThat(clone.owner()).isEqualTo(alice.id());
        assertThat(clone.manifest().acl().isEmpty()).isTrue();
        assertThat(clone.manifest().origin()).isEqualTo(base.id());
        assertThat(clone.state()).isEqualTo(ImageState.ACTIVE);
        assertThat(clone.publishedAt()).isAfter(shared.publishedAt());
        assertThat(clone.manifest().name()).isEqualTo(shared.manifest().name());
        assertThat(clone.manifest().tags()).isEqualTo(shared.manifest().tags());
        assertThat(clone.manifest().os()).isEqualTo(shared.manifest().os());
        assertThat(clone.file()).isEqualTo(shared.file());

        // The original owner cannot see the clone; the clone's owner can delete it; the original is untouched.
        assertThatThrownBy(() -> getImage.getImage(new GetImageQuery(bob, clone.id().toString())))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND));
        assertThat(listed(ListImagesQuery.everything(bob))).extracting(Image::id).doesNotContain(clone.id());
        deleteImage.deleteImage(new DeleteImageCommand(alice, clone.id().toString()));
        Image original = getImage.getImage(new GetImageQuery(bob, shared.id().toString()));
        assertThat(original.manifest().acl().accounts()).containsExactly(alice.id());
        assertThat(original.revision()).isEqualTo(shared.revision());
        assertThat(content(original)).isEqualTo("shared");
    }

    @Test
    void aChainOfThreeClonesItsCustomOriginsDisabledBaseFirst() {
        Account operator = account(true);
        Account bob = account(false);
        Account alice = account(false);
        Image os = image(operator, "os", null, List.of(), true);
        Image first = image(bob, "first", os.id(), List.of(), false);
        Image second = image(bob, "second", first.id(), List.of(), false);
        Image third = image(bob, "third", second.id(), List.of(alice.id()), false);

        Image clone = cloneImage.cloneImage(new CloneImageCommand(alice, third.id().toString()));

        Image secondClone = stored(clone.manifest().origin());
        Image firstClone = stored(secondClone.manifest().origin());
        assertThat(firstClone.manifest().origin()).isEqualTo(os.id());
        assertThat(List.of(firstClone, secondClone)).allSatisfy(origin -> {
            assertThat(origin.owner()).isEqualTo(alice.id());
            assertThat(origin.state()).isEqualTo(ImageState.DISABLED);
        });
        assertThat(firstClone.manifest().name().value()).isEqualTo("first");
        assertThat(secondClone.manifest().name().value()).isEqualTo("second");
        assertThat(content(firstClone)).isEqualTo("first");
        assertThat(stored(clone.id()).state()).isEqualTo(ImageState.ACTIVE);
        // Disabled origins stay out of the default listing.
        assertThat(listed(ListImagesQuery.everything(alice))).extracting(Image::id)
                .contains(clone.id()).doesNotContain(firstClone.id(), secondClone.id());
    }

    @Test
    void aFailureInTheSecondStepLeavesNoCloneBehind() {
        Account operator = account(true);
        Account bob = account(false);
        Account alice = account(false);
        Image os = image(operator, "os", null, List.of(), true);
        Image first = image(bob, "first", os.id(), List.of(), false);
        Image brokenSecond = imageWithMissingContent(bob, first.id());
        Image third = image(bob, "third", brokenSecond.id(), List.of(alice.id()), false);

        assertThatThrownBy(() -> cloneImage.cloneImage(new CloneImageCommand(alice, third.id().toString())))
                .isInstanceOf(DomainException.class);

        assertThat(ownedBy(alice)).isEmpty();
        // The sources are untouched: their content is still held.
        assertThat(content(first)).isEqualTo("first");
    }

    @Test
    void onlyActivatedImagesSharedWithTheCallerCanBeCloned() {
        Account operator = account(true);
        Account bob = account(false);
        Account alice = account(false);
        Image publicOperatorImage = image(operator, "public", null, List.of(), true);
        Image own = image(alice, "own", null, List.of(alice.id()), false);
        Image notShared = image(bob, "private", null, List.of(), false);
        Image unactivated = QuarkusTransaction.requiringNew().call(() -> {
            Image image = Image.create(UUID.randomUUID(), bob.id(),
                    Manifest.named(ImageName.of("pending"), ImageVersion.of("1")).withAcl(new Acl(List.of(alice.id()))),
                    ImageState.UNACTIVATED);
            images.add(image);
            return image;
        });

        assertCloneFails(alice, publicOperatorImage, ErrorCode.IMAGE_NOT_SHARED);
        assertCloneFails(alice, own, ErrorCode.IMAGE_NOT_SHARED);
        assertCloneFails(alice, notShared, ErrorCode.RESOURCE_NOT_FOUND);
        assertCloneFails(bob, unactivated, ErrorCode.VALIDATION_FAILED);
        assertCloneFails(alice, unactivated, ErrorCode.RESOURCE_NOT_FOUND);
    }

    /**
     * The owner deletes the source while the clone, having read it, has yet to reference its file:
     * the delete waits for the clone, which keeps the file; it never finds the file gone.
     */
    @Test
    void aDeleteOfTheSourceWaitsForTheCloneReadingIt() throws Exception {
        Account bob = account(false);
        Account alice = account(false);
        Image shared = image(bob, "deleted while cloned", null, List.of(alice.id()), false);
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            gate.close();
            Future<Image> clone = executor.submit(() -> cloneImage.cloneImage(
                    new CloneImageCommand(alice, shared.id().toString())));
            gate.awaitReached();
            Future<?> delete = executor.submit(() -> deleteImage.deleteImage(
                    new DeleteImageCommand(bob, shared.id().toString())));
            LockWaits.awaitDoneOrWaiting(delete);
            gate.open();

            Image cloned = clone.get(30, TimeUnit.SECONDS);
            delete.get(30, TimeUnit.SECONDS);
            assertThat(content(cloned)).isEqualTo("deleted while cloned");
            assertNotFound(() -> getImage.getImage(new GetImageQuery(bob, shared.id().toString())));
            // The clone holds the one reference left: its delete removes the file.
            deleteImage.deleteImage(new DeleteImageCommand(alice, cloned.id().toString()));
            assertNotFound(() -> content(cloned));
        } finally {
            gate.open();
            executor.shutdownNow();
        }
    }

    /** The clone arrives while the owner's delete of the source is under way: it waits, then finds no source. */
    @Test
    void aCloneOfASourceBeingDeletedWaitsAndFindsItGone() throws Exception {
        Account bob = account(false);
        Account alice = account(false);
        Image shared = image(bob, "cloned while deleted", null, List.of(alice.id()), false);
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            gate.close();
            Future<?> delete = executor.submit(() -> deleteImage.deleteImage(
                    new DeleteImageCommand(bob, shared.id().toString())));
            gate.awaitReached();
            Future<Image> clone = executor.submit(() -> cloneImage.cloneImage(
                    new CloneImageCommand(alice, shared.id().toString())));
            LockWaits.awaitDoneOrWaiting(clone);
            gate.open();

            delete.get(30, TimeUnit.SECONDS);
            assertNotFound(() -> clone.get(30, TimeUnit.SECONDS));
            assertThat(ownedBy(alice)).isEmpty();
            assertNotFound(() -> content(shared));
        } finally {
            gate.open();
            executor.shutdownNow();
        }
    }

    private static void assertNotFound(ThrowingCallable call) {
        assertThatThrownBy(call)
                .satisfies(e -> assertThat(e instanceof ExecutionException ? e.getCause() : e)
                        .isInstanceOfSatisfying(DomainException.class,
                                found -> assertThat(found.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND)));
    }

    private void assertCloneFails(Account caller, Image image, ErrorCode code) {
        assertThatThrownBy(() -> cloneImage.cloneImage(new CloneImageCommand(caller, image.id().toString())))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    private Account account(boolean operator) {
        Instant now = Instant.now();
        Account account = new Account(UUID.randomUUID(), (operator ? "op" : "user") + UUID.randomUUID().toString().substring(0, 8),
                null, operator, false, now, now);
        QuarkusTransaction.requiringNew().run(() -> accounts.add(account));
        return account;
    }

    /** An active image whose file holds its own name, so shared content can be recognised. */
    private Image image(Account owner, String name, UUID origin, List<UUID> acl, boolean isPublic) {
        StoredContent content = files.store(new ByteArrayInputStream(name.getBytes(StandardCharsets.US_ASCII)),
                ExpectedContent.ANY);
        return QuarkusTransaction.requiringNew().call(() -> {
            Manifest manifest = new Manifest(ImageName.of(name), ImageVersion.of("1.0.0"), null, null, null,
                    ImageOs.LINUX, ImageType.ZONE_DATASET, null, Tags.of(Map.of("role", name)), new Acl(acl), isPublic,
                    origin);
            Image image = Image.create(UUID.randomUUID(), owner.id(), manifest, ImageState.UNACTIVATED);
            image.attachFile(new ImageFile(content.sha1(), content.size(), Compression.NONE, content.sha256()));
            image.activate(Instant.now().minusSeconds(60));
            files.attach(content.sha256());
            images.add(image);
            return image;
        });
    }

    private Image imageWithMissingContent(Account owner, UUID origin) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Image image = Image.create(UUID.randomUUID(), owner.id(),
                    Manifest.named(ImageName.of("broken"), ImageVersion.of("1")).withOrigin(origin), ImageState.UNACTIVATED);
            image.attachFile(new ImageFile("a".repeat(40), 1, Compression.NONE, "b".repeat(64)));
            image.activate(Instant.now());
            images.add(image);
            return image;
        });
    }

    private Image stored(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> images.findById(id).orElseThrow());
    }

    private List<Image> ownedBy(Account account) {
        return listed(new ListImagesQuery(account, StateFilter.ALL, null, account.id(), null, null, null, null));
    }

    /** The listing as a list, read in a transaction of its own. */
    private List<Image> listed(ListImagesQuery query) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Image> found = new ArrayList<>();
            listImages.forEachImage(query, found::add);
            return found;
        });
    }

    private String content(Image image) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (var in = files.open(image.file().sha256()).stream()) {
                return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            }
        });
    }
}
