package dev.imageservice.application.service;

import static dev.imageservice.application.service.Fixtures.ALICE;
import static dev.imageservice.application.service.Fixtures.BOB;
import static dev.imageservice.application.service.Fixtures.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.application.port.in.ImportImageFromDatacenterCommand;
import dev.imageservice.application.port.out.Datacenters;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.Compression;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageFile;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.image.ImgapiManifest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ImportImageFromDatacenterServiceTest {

    private static final Instant NOW = Instant.parse("2025-05-05T05:05:05Z");

    private final InMemoryImageRepository images = new InMemoryImageRepository();
    private final InMemoryImageFileStore files = new InMemoryImageFileStore();
    private final Peer west = new Peer();
    private final List<Image> announced = new ArrayList<>();
    private final ImportImageFromDatacenterService service = new ImportImageFromDatacenterService(west, files,
            new ImportFromDatacenterSteps(images, files, new NewImages(images, files, Clock.fixed(NOW, ZoneOffset.UTC))),
            announced::add);

    @Test
    void theImageAndItsMissingOriginsArriveBaseFirstKeepingIdsAndPublication() {
        Image base = west.holds(image(ALICE).named("base").build(), "base bytes");
        Image top = west.holds(image(ALICE).named("top").origin(base.id()).build(), "top bytes");

        Image copied = service.importImageFromDatacenter(command(top.id()));

        assertThat(copied.id()).isEqualTo(top.id());
        assertThat(copied.state()).isEqualTo(ImageState.ACTIVE);
        assertThat(copied.publishedAt()).isEqualTo(top.publishedAt());
        Image origin = images.findById(base.id()).orElseThrow();
        assertThat(origin.state()).isEqualTo(ImageState.ACTIVE);
        assertThat(origin.publishedAt()).isEqualTo(base.publishedAt());
        assertThat(files.referencesOf(copied.file().sha256())).isEqualTo(1);
        assertThat(files.holdersOf(copied.file().sha256())).isZero();
        assertThat(announced).extracting(Image::id).containsExactly(base.id(), top.id());
    }

    @Test
    void anOriginHeldHereEndsTheWalk() {
        Image base = image(ALICE).named("base").build();
        images.add(base);
        Image top = west.holds(image(ALICE).named("top").origin(base.id()).build(), "top bytes");

        service.importImageFromDatacenter(command(top.id()));

        assertThat(images.size()).isEqualTo(2);
        assertThat(west.fetched).containsExactly(top.id());
    }

    @Test
    void anInactiveOriginStopsTheCopyBeforeAnyByteMoves() {
        Image base = west.holds(image(ALICE).named("base").state(ImageState.DISABLED).build(), "base bytes");
        Image top = west.holds(image(ALICE).named("top").origin(base.id()).build(), "top bytes");

        assertCode(() -> service.importImageFromDatacenter(command(top.id())), ErrorCode.ORIGIN_IS_NOT_ACTIVE);
        assertThat(images.size()).isZero();
        assertThat(west.opened).isEmpty();
    }

    @Test
    void contentThatDoesNotMatchItsManifestLeavesNothingBehind() {
        Image base = west.holds(image(ALICE).named("base").build(), "base bytes");
        Image top = west.holds(image(ALICE).named("top").origin(base.id()).build(), "top bytes");
        west.files.put(top.id(), "tampered".getBytes(StandardCharsets.UTF_8));

        assertCode(() -> service.importImageFromDatacenter(command(top.id())), ErrorCode.VALIDATION_FAILED);
        assertThat(images.size()).isZero();
        assertThat(files.hasContent(sha256("base bytes"))).isFalse();
    }

    @Test
    void onlyTheOwnerCopiesAndOnlyWhatIsNotHere() {
        Image bobs = west.holds(image(BOB).named("bobs").build(), "bob bytes");
        assertCode(() -> service.importImageFromDatacenter(command(bobs.id())), ErrorCode.UNAUTHORIZED);

        Image mine = west.holds(image(ALICE).named("mine").build(), "mine");
        images.add(mine);
        assertCode(() -> service.importImageFromDatacenter(command(mine.id())), ErrorCode.IMAGE_UUID_ALREADY_EXISTS);
    }

    @Test
    void theSourceIsAnotherKnownDatacenter() {
        UUID id = UUID.randomUUID();
        assertCode(() -> service.importImageFromDatacenter(new ImportImageFromDatacenterCommand(ALICE, "east",
                id.toString())), ErrorCode.VALIDATION_FAILED);
        assertCode(() -> service.importImageFromDatacenter(new ImportImageFromDatacenterCommand(ALICE, "atlantis",
                id.toString())), ErrorCode.VALIDATION_FAILED);
        assertCode(() -> service.importImageFromDatacenter(command(id)), ErrorCode.RESOURCE_NOT_FOUND);
    }

    private static ImportImageFromDatacenterCommand command(UUID id) {
        return new ImportImageFromDatacenterCommand(ALICE, "west", id.toString());
    }

    private static void assertCode(Runnable call, ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    private static String sha256(String text) {
        return digest("SHA-256", text.getBytes(StandardCharsets.UTF_8));
    }

    private static String digest(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The datacenter "west", seen from "east": the manifests and files it shows Alice. */
    private static final class Peer implements Datacenters {

        final Map<UUID, ImgapiManifest> manifests = new HashMap<>();
        final Map<UUID, byte[]> files = new HashMap<>();
        final List<UUID> fetched = new ArrayList<>();
        final List<UUID> opened = new ArrayList<>();

        /** The image as west holds it, its file made of {@code text}. */
        Image holds(Image image, String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            ImageFile file = new ImageFile(digest("SHA-1", bytes), bytes.length, Compression.GZIP, null);
            Image held = Image.restore(image.id(), image.owner(), image.manifest(), image.state(), null, file,
                    image.publishedAt(), 0);
            // Through its JSON members, as the peer adapter reads them.
            manifests.put(image.id(), ImgapiManifest.read(ImgapiManifest.of(held).toMap()));
            files.put(image.id(), bytes);
            return held;
        }

        @Override
        public String localName() {
            return "east";
        }

        @Override
        public Map<String, String> all() {
            return Map.of("east", "http://east.example", "west", "http://west.example");
        }

        @Override
        public ImgapiManifest fetchImage(String datacenter, String login, UUID imageId) {
            fetched.add(imageId);
            ImgapiManifest manifest = manifests.get(imageId);
            if (manifest == null) {
                throw DomainException.notFound("image " + imageId + " not found");
            }
            return manifest;
        }

        @Override
        public InputStream openFile(String datacenter, String login, UUID imageId) {
            opened.add(imageId);
            return new ByteArrayInputStream(files.get(imageId));
        }
    }
}
