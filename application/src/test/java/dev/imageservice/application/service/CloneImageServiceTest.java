package dev.imageservice.application.service;

import static dev.imageservice.application.service.Fixtures.ALICE;
import static dev.imageservice.application.service.Fixtures.BOB;
import static dev.imageservice.application.service.Fixtures.CREATED;
import static dev.imageservice.application.service.Fixtures.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.application.port.in.CloneImageCommand;
import dev.imageservice.application.port.out.ImageFileStore.ExpectedContent;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageState;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CloneImageServiceTest {

    private static final Instant NOW = Instant.parse("2025-05-05T05:05:05Z");
    private static final Account OPERATOR = new Account(UUID.fromString("0be7a700-0000-4000-8000-000000000003"),
            "admin", "admin@example.com", true, false, CREATED, CREATED);

    private final InMemoryAccounts accounts = new InMemoryAccounts();
    private final InMemoryImageRepository images = new InMemoryImageRepository();
    private final InMemoryImageFileStore files = new InMemoryImageFileStore();
    private final CloneImageService service = new CloneImageService(new VisibleImages(images), images, accounts,
            new NewImages(images, files, Clock.fixed(NOW, ZoneOffset.UTC)));

    @BeforeEach
    void accounts() {
        accounts.add(ALICE);
        accounts.add(BOB);
        accounts.add(OPERATOR);
    }

    @Test
    void aSharedImageIsCopiedForTheCallerSharingItsFile() {
        Image source = stored(image(BOB).named("shared").sharedWith(ALICE).build(), "bytes");

        Image clone = service.cloneImage(new CloneImageCommand(ALICE, source.id().toString()));

        assertThat(clone.id()).isNotEqualTo(source.id());
        assertThat(clone.owner()).isEqualTo(ALICE.id());
        assertThat(clone.state()).isEqualTo(ImageState.ACTIVE);
        assertThat(clone.manifest().acl().isEmpty()).isTrue();
        assertThat(clone.manifest().name()).isEqualTo(source.manifest().name());
        assertThat(clone.publishedAt()).isEqualTo(NOW);
        assertThat(clone.file()).isEqualTo(source.file());
        assertThat(files.referencesOf(source.file().sha256())).isEqualTo(2);
        assertThat(images.findById(clone.id())).isPresent();
    }

    @Test
    void customOriginsAreClonedDisabledBaseFirstUpToTheOperatorImage() {
        Image base = stored(image(OPERATOR).named("os").publicImage().build(), "os");
        Image middle = stored(image(BOB).named("middle").origin(base.id()).build(), "middle");
        Image top = stored(image(BOB).named("top").origin(middle.id()).sharedWith(ALICE).build(), "top");

        Image clone = service.cloneImage(new CloneImageCommand(ALICE, top.id().toString()));

        Image middleClone = images.findById(clone.manifest().origin()).orElseThrow();
        assertThat(middleClone.owner()).isEqualTo(ALICE.id());
        assertThat(middleClone.manifest().name().value()).isEqualTo("middle");
        assertThat(middleClone.state()).isEqualTo(ImageState.DISABLED);
        assertThat(middleClone.manifest().origin()).isEqualTo(base.id());
        assertThat(aliceOwns()).hasSize(2);
    }

    @Test
    void anOriginThatIsGoneIsOriginDoesNotExist() {
        Image top = stored(image(BOB).named("top").origin(UUID.randomUUID()).sharedWith(ALICE).build(), "top");

        assertCode(() -> service.cloneImage(new CloneImageCommand(ALICE, top.id().toString())),
                ErrorCode.ORIGIN_DOES_NOT_EXIST);
        assertThat(aliceOwns()).isEmpty();
    }

    @Test
    void anOriginCycleIsAnInternalErrorAndClonesNothing() {
        UUID firstId = UUID.randomUUID();
        Image second = stored(image(BOB).named("second").origin(firstId).build(), "second");
        stored(image(BOB).named("first").id(firstId.toString()).origin(second.id()).build(), "first");
        Image top = stored(image(BOB).named("top").origin(second.id()).sharedWith(ALICE).build(), "top");

        assertCode(() -> service.cloneImage(new CloneImageCommand(ALICE, top.id().toString())),
                ErrorCode.INTERNAL_ERROR);
    }

    @Test
    void anImageNotSharedWithTheCallerIsRefused() {
        Image own = stored(image(ALICE).named("mine").build(), "mine");

        assertCode(() -> service.cloneImage(new CloneImageCommand(ALICE, own.id().toString())),
                ErrorCode.IMAGE_NOT_SHARED);
    }

    /** The image, holding stored content made of {@code text}. */
    private Image stored(Image image, String text) {
        String sha256 = files.store(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), ExpectedContent.ANY)
                .sha256();
        files.attach(sha256);
        Image held = Image.restore(image.id(), image.owner(), image.manifest(), image.state(), null,
                image.file().withSha256(sha256), image.publishedAt(), 0);
        images.add(held);
        return held;
    }

    private List<Image> aliceOwns() {
        return images.all().stream().filter(i -> i.isOwnedBy(ALICE.id())).toList();
    }

    private static void assertCode(Runnable call, ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }
}
