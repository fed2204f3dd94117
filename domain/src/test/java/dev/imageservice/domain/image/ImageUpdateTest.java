package dev.imageservice.domain.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.error.FieldError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** UpdateImage's rules (docs/compatibility.md, "Endpoints"): seven fields, null removes, nothing else changes. */
class ImageUpdateTest {

    private static final UUID OWNER = UUID.fromString("0a0a0a0a-0000-4000-8000-000000000001");
    private static final UUID FRIEND = UUID.fromString("0b0b0b0b-0000-4000-8000-000000000002");
    private static final UUID STRANGER = UUID.fromString("0c0c0c0c-0000-4000-8000-000000000003");

    private static Manifest full() {
        return new Manifest(ImageName.of("base"), ImageVersion.of("1.0.0"), Description.of("the base image"),
                new WebAddress("homepage", "https://example.com/base"), new WebAddress("eula", "https://example.com/eula"),
                ImageOs.SMARTOS, ImageType.ZONE_DATASET, Requirements.of(Map.of("min_ram", 512)),
                Tags.of(Map.of("role", "db")), new Acl(List.of(FRIEND)), false,
                UUID.fromString("0d0d0d0d-0000-4000-8000-000000000004"));
    }

    private static Image image() {
        return ImageFixtures.inState(ImageState.ACTIVE, OWNER, full());
    }

    @Test
    void theSevenFieldsChangeAndNothingElse() {
        Image image = image();
        Map<String, Object> raw = new HashMap<>();
        raw.put("name", "renamed");
        raw.put("version", "2.0.0");
        raw.put("description", "new text");
        raw.put("homepage", "http://example.org/");
        raw.put("eula", "http://example.org/eula");
        raw.put("acl", List.of(STRANGER.toString()));
        raw.put("tags", Map.of("role", "web", "n", 2));
        // Not updatable: ignored, with no error.
        raw.put("os", "linux");
        raw.put("type", "docker");
        raw.put("public", true);
        raw.put("requirements", Map.of("min_ram", 4096));
        raw.put("state", "disabled");
        raw.put("origin", UUID.randomUUID().toString());
        raw.put("owner", STRANGER.toString());

        image.update(ImageUpdate.of(raw));

        Manifest m = image.manifest();
        assertThat(m.name().value()).isEqualTo("renamed");
        assertThat(m.version().value()).isEqualTo("2.0.0");
        assertThat(m.description().value()).isEqualTo("new text");
        assertThat(m.homepage().value()).isEqualTo("http://example.org/");
        assertThat(m.eula().value()).isEqualTo("http://example.org/eula");
        assertThat(m.acl().accounts()).containsExactly(STRANGER);
        assertThat(m.tags().values()).isEqualTo(Map.of("role", "web", "n", 2));
        Manifest before = full();
        assertThat(m.os()).isEqualTo(before.os());
        assertThat(m.type()).isEqualTo(before.type());
        assertThat(m.isPublic()).isEqualTo(before.isPublic());
        assertThat(m.requirements()).isEqualTo(before.requirements());
        assertThat(m.origin()).isEqualTo(before.origin());
        assertThat(image.state()).isEqualTo(ImageState.ACTIVE);
        assertThat(image.owner()).isEqualTo(OWNER);
    }

    @Test
    void absentFieldsAreKept() {
        Image image = image();

        image.update(ImageUpdate.of(Map.of("description", "only this")));

        assertThat(image.manifest()).isEqualTo(new Manifest(full().name(), full().version(), Description.of("only this"),
                full().homepage(), full().eula(), full().os(), full().type(), full().requirements(), full().tags(),
                full().acl(), full().isPublic(), full().origin()));
    }

    @Test
    void nullRemovesOptionalFields() {
        Image image = image();
        Map<String, Object> raw = new HashMap<>();
        raw.put("description", null);
        raw.put("homepage", null);
        raw.put("eula", null);
        raw.put("acl", null);
        raw.put("tags", null);

        image.update(ImageUpdate.of(raw));

        Manifest m = image.manifest();
        assertThat(m.description()).isNull();
        assertThat(m.homepage()).isNull();
        assertThat(m.eula()).isNull();
        assertThat(m.acl()).isEqualTo(Acl.EMPTY);
        assertThat(m.tags()).isEqualTo(Tags.EMPTY);
        assertThat(m.name()).isEqualTo(full().name());
    }

    @Test
    void aSingleAclStringIsWrapped() {
        Image image = image();

        image.update(ImageUpdate.of(Map.of("acl", STRANGER.toString())));

        assertThat(image.manifest().acl().accounts()).containsExactly(STRANGER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"name", "version"})
    void nameAndVersionCannotBeRemoved(String field) {
        Map<String, Object> raw = new HashMap<>();
        raw.put(field, null);

        DomainException e = refused(raw);

        assertThat(e.errors()).extracting(FieldError::field, FieldError::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(field, FieldError.MISSING));
    }

    @Test
    void noUpdatableFieldIsValidationFailed() {
        assertThat(refused(Map.of()).code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(refused(Map.of("os", "linux", "public", true, "state", "disabled")).code())
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void everyBadFieldIsListed() {
        Map<String, Object> raw = new HashMap<>();
        raw.put("name", "bad:name");
        raw.put("version", null);
        raw.put("description", "d".repeat(10241));
        raw.put("homepage", "ftp://example.com");
        raw.put("eula", 42);
        raw.put("acl", List.of(FRIEND.toString(), "nope"));
        raw.put("tags", List.of("a"));

        DomainException e = refused(raw);

        assertThat(e.errors()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("name", "version", "description", "homepage", "eula", "acl", "tags");
        assertThat(e.errors()).filteredOn(error -> error.field().equals("acl")).extracting(FieldError::message)
                .containsExactly("item 1 is not a UUID");
        assertThat(e.getMessage()).contains("\"name\"", "\"tags\"");
    }

    @Test
    void aRefusedUpdateChangesNothing() {
        Image image = image();

        assertThatThrownBy(() -> image.update(ImageUpdate.of(Map.of("name", "fine", "homepage", "nope"))))
                .isInstanceOf(DomainException.class);

        assertThat(image.manifest()).isEqualTo(full());
    }

    @Test
    void nonStringTextFieldsAreInvalid() {
        DomainException e = refused(Map.of("name", 7, "version", List.of("1"), "description", true));

        assertThat(e.errors()).extracting(FieldError::field, FieldError::code).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("name", FieldError.INVALID),
                org.assertj.core.groups.Tuple.tuple("version", FieldError.INVALID),
                org.assertj.core.groups.Tuple.tuple("description", FieldError.INVALID));
    }

    @Test
    void onlyTheSevenDocumentedFields() {
        assertThat(ImageUpdate.FIELDS)
                .containsExactlyInAnyOrder("name", "version", "description", "homepage", "eula", "acl", "tags");
    }

    private static DomainException refused(Map<String, Object> raw) {
        DomainException[] caught = new DomainException[1];
        assertThatThrownBy(() -> ImageUpdate.of(raw)).isInstanceOfSatisfying(DomainException.class, e -> caught[0] = e);
        assertThat(caught[0].code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        return caught[0];
    }
}
