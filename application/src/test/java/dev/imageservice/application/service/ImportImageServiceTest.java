package dev.imageservice.application.service;

import static dev.imageservice.application.service.Fixtures.ALICE;
import static dev.imageservice.application.service.Fixtures.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.application.port.in.ImportImageCommand;
import dev.imageservice.application.port.in.ImportImageCommand.FileOpener;
import dev.imageservice.application.port.in.ImportResult;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.error.FieldError;
import dev.imageservice.domain.image.Compression;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageOs;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.image.ImageType;
import dev.imageservice.domain.image.ImgapiManifest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImportImageServiceTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final byte[] CONTENT = "pretend this is a zfs stream".getBytes(StandardCharsets.UTF_8);
    private static final String ID = "2b6e8a3e-5a6b-4f8e-9f4a-1c2d3e4f5a6b";

    private final InMemoryAccounts accounts = new InMemoryAccounts();
    private final InMemoryImageRepository images = new InMemoryImageRepository();
    private final InMemoryImageFileStore files = new InMemoryImageFileStore();
    private final ImportImageService service = new ImportImageService(
            new ImportImageSteps(images, accounts,
                    new NewImages(images, files, Clock.fixed(NOW, ZoneOffset.UTC))), files);

    @BeforeEach
    void owner() {
        accounts.add(ALICE);
    }

    @Test
    void aManifestWithItsFileBecomesAnActiveImageKeepingIdAndPublication() {
        Image imported = service.importImage(command(manifest(), file()));

        Image stored = images.findById(UUID.fromString(ID)).orElseThrow();
        assertThat(stored.id()).isEqualTo(imported.id());
        assertThat(stored.owner()).isEqualTo(ALICE.id());
        assertThat(stored.state()).isEqualTo(ImageState.ACTIVE);
        assertThat(stored.publishedAt()).isEqualTo(Instant.parse("2021-06-01T12:30:00.250Z"));
        assertThat(stored.manifest().name().value()).isEqualTo("base-64");
        assertThat(stored.manifest().version().value()).isEqualTo("21.4.0");
        assertThat(stored.manifest().os()).isEqualTo(ImageOs.SMARTOS);
        assertThat(stored.manifest().type()).isEqualTo(ImageType.ZONE_DATASET);
        assertThat(stored.manifest().isPublic()).isTrue();
        assertThat(stored.manifest().description().value()).isEqualTo("A base image");
        assertThat(stored.manifest().homepage().value()).isEqualTo("https://example.com/base");
        assertThat(stored.manifest().requirements().minRam()).isEqualTo(256);
        assertThat(stored.manifest().tags().values()).containsEntry("role", "base");
        assertThat(stored.file().sha1()).isEqualTo(sha1(CONTENT));
        assertThat(stored.file().size()).isEqualTo(CONTENT.length);
        assertThat(stored.file().compression()).isEqualTo(Compression.GZIP);
        assertThat(stored.file().sha256()).isNotNull();
        assertThat(files.referencesOf(stored.file().sha256())).isEqualTo(1);
        assertThat(files.holdersOf(stored.file().sha256())).isZero();
    }

    @Test
    void theCloudApiSpellingIdIsAcceptedAndPublicationDefaultsToActivation() {
        Map<String, Object> manifest = manifest();
        manifest.remove("uuid");
        manifest.put("id", ID);
        manifest.remove("published_at");

        Image imported = service.importImage(command(manifest, file()));

        assertThat(imported.id()).isEqualTo(UUID.fromString(ID));
        assertThat(imported.publishedAt()).isEqualTo(NOW);
    }

    @Test
    void withoutAFileTheImageStaysUnactivated() {
        Image imported = service.importImage(command(manifest(), null));

        assertThat(imported.state()).isEqualTo(ImageState.UNACTIVATED);
        assertThat(imported.file().sha1()).isEqualTo(sha1(CONTENT));
        assertThat(imported.file().sha256()).isNull();
        assertThat(imported.publishedAt()).isEqualTo(Instant.parse("2021-06-01T12:30:00.250Z"));
        assertThat(images.findById(imported.id())).isPresent();
    }

    @Test
    void theManifestStateIsHonouredOnceTheFileIsIn() {
        Map<String, Object> manifest = manifest();
        manifest.put("state", "disabled");

        assertThat(service.importImage(command(manifest, file())).state()).isEqualTo(ImageState.DISABLED);

        Map<String, Object> waiting = manifest();
        waiting.put("uuid", UUID.randomUUID().toString());
        waiting.put("state", "unactivated");
        Image unactivated = service.importImage(command(waiting, file()));
        assertThat(unactivated.state()).isEqualTo(ImageState.UNACTIVATED);
        assertThat(files.referencesOf(unactivated.file().sha256())).isEqualTo(2);
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("name", "bad name!");
        manifest.put("os", "plan9");
        manifest.put("type", "vm");
        manifest.put("homepage", "ftp://example.com");
        manifest.put("acl", List.of("not-a-uuid"));
        manifest.put("tags", List.of("a"));
        manifest.put("requirements", Map.of("cpu", 4));
        manifest.put("published_at", "yesterday");
        manifest.put("public", "yes");
        manifest.put("files", List.of(Map.of("sha1", "xyz", "size", 1, "compression", "gzip")));
        manifest.put("state", "creating");
        manifest.put("origin", 7);
        manifest.put("v", 1);

        assertThatThrownBy(() -> service.importImage(command(manifest, null)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.errors()).extracting(FieldError::field).containsExactlyInAnyOrder(
                            "uuid", "owner", "name", "version", "os", "type", "homepage", "acl", "tags",
                            "requirements", "published_at", "public", "files", "state", "origin", "v");
                });
    }

    @Test
    void theOwnerMustExist() {
        Map<String, Object> manifest = manifest();
        manifest.put("owner", UUID.randomUUID().toString());

        assertCode(() -> service.importImage(command(manifest, unreadable())),
                ErrorCode.OWNER_DOES_NOT_EXIST);
    }

    @Test
    void aTakenIdIsRefusedBeforeTheFileIsRead() {
        image(ALICE).id(ID).storeIn(images);

        assertCode(() -> service.importImage(command(manifest(), unreadable())),
                ErrorCode.IMAGE_UUID_ALREADY_EXISTS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"size", "sha1"})
    void aFileThatDoesNotMatchTheManifestIsRefused(String wrong) {
        Map<String, Object> manifest = manifest();
        Map<String, Object> entry = new LinkedHashMap<>(fileEntry());
        entry.put(wrong, wrong.equals("size") ? CONTENT.length + 1 : sha1("other".getBytes(StandardCharsets.UTF_8)));
        manifest.put("files", List.of(entry));

        assertCode(() -> service.importImage(command(manifest, file())), ErrorCode.VALIDATION_FAILED);
        assertThat(images.findById(UUID.fromString(ID))).isEmpty();
    }

    @Test
    void aFileNeedsAFilesEntryToBeCheckedAgainst() {
        Map<String, Object> manifest = manifest();
        manifest.remove("files");

        assertCode(() -> service.importImage(command(manifest, file())), ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void theOriginMustExistAndBeActive() {
        Map<String, Object> manifest = manifest();
        manifest.put("origin", UUID.randomUUID().toString());
        assertCode(() -> service.importImage(command(manifest, file())), ErrorCode.ORIGIN_DOES_NOT_EXIST);

        Image origin = image(ALICE).state(ImageState.DISABLED).storeIn(images);
        manifest.put("origin", origin.id().toString());
        assertCode(() -> service.importImage(command(manifest, file())), ErrorCode.ORIGIN_IS_NOT_ACTIVE);
        assertThat(files.hasContent(InMemoryImageFileStore.addressOf(CONTENT))).as("the file stored for it").isFalse();

        Image active = image(ALICE).storeIn(images);
        manifest.put("origin", active.id().toString());
        assertThat(service.importImage(command(manifest, file())).manifest().origin())
                .isEqualTo(active.id());
    }

    @Test
    void manyImportsComeBackInOrderAndARefusedOneSparesTheOthersOfItsBatch() {
        Map<String, Object> strangerOwned = manifestWithNewId();
        strangerOwned.put("owner", UUID.randomUUID().toString());
        List<Map<String, Object>> manifests = List.of(manifestWithNewId(), strangerOwned, manifestWithNewId(),
                manifestWithNewId(), manifestWithNewId());

        List<ImportResult> results = service.importImages(List.of(command(manifests.get(0), null),
                command(manifests.get(1), null), command(manifests.get(2), file()), command(manifests.get(3), null),
                command(manifests.get(4), null)));

        assertThat(results).hasSize(5);
        assertThat(results.get(1).image()).isNull();
        assertThat(results.get(1).refusal()).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.OWNER_DOES_NOT_EXIST));
        for (int i : new int[] {0, 2, 3, 4}) {
            assertThat(results.get(i).refusal()).as("import %d", i).isNull();
            assertThat(results.get(i).image().id().toString()).isEqualTo(manifests.get(i).get("uuid"));
            assertThat(images.findById(results.get(i).image().id())).as("import %d", i).isPresent();
        }
        assertThat(results.get(2).image().state()).as("the one with its file").isEqualTo(ImageState.ACTIVE);
        assertThat(results.get(3).image().state()).isEqualTo(ImageState.UNACTIVATED);
        assertThat(images.size()).isEqualTo(4);
    }

    private static Map<String, Object> manifest() {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("v", 2);
        manifest.put("uuid", ID);
        manifest.put("owner", ALICE.id().toString());
        manifest.put("name", "base-64");
        manifest.put("version", "21.4.0");
        manifest.put("description", "A base image");
        manifest.put("homepage", "https://example.com/base");
        manifest.put("os", "smartos");
        manifest.put("type", "zone-dataset");
        manifest.put("public", true);
        manifest.put("state", "active");
        manifest.put("disabled", false);
        manifest.put("requirements", Map.of("min_ram", 256));
        manifest.put("tags", Map.of("role", "base"));
        manifest.put("published_at", "2021-06-01T12:30:00.250Z");
        manifest.put("urn", "sdc:sdc:base-64:21.4.0");
        manifest.put("files", List.of(fileEntry()));
        return manifest;
    }

    private static Map<String, Object> manifestWithNewId() {
        Map<String, Object> manifest = manifest();
        manifest.put("uuid", UUID.randomUUID().toString());
        return manifest;
    }

    private static Map<String, Object> fileEntry() {
        return Map.of("sha1", sha1(CONTENT), "size", CONTENT.length, "compression", "gzip");
    }

    private static FileOpener file() {
        return () -> new ByteArrayInputStream(CONTENT);
    }

    /** A file that must not be opened: the import should fail before it gets there. */
    private static FileOpener unreadable() {
        return () -> {
            throw new AssertionError("the file was opened");
        };
    }

    private static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertCode(Runnable call, ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo(code);
    }

    /** The manifest as the admin command reads it, before the use case sees it. */
    private static ImportImageCommand command(Map<String, Object> manifest, FileOpener file) {
        return new ImportImageCommand(ImgapiManifest.read(manifest), file);
    }
}
