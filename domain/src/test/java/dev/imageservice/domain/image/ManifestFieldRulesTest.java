package dev.imageservice.domain.image;

import static dev.imageservice.domain.image.ValidationAssertions.assertInvalid;
import static dev.imageservice.domain.image.ValidationAssertions.assertMissing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every manifest field rule (docs/compatibility.md, "Manifests"), valid and invalid values side by side. */
class ManifestFieldRulesTest {

    private static final String A = "0123456789abcdef0123456789abcdef01234567";
    private static final UUID U1 = UUID.fromString("11111111-2222-3333-4444-555555555555");
    private static final UUID U2 = UUID.fromString("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");

    @Nested
    class Name {

        @ParameterizedTest
        @ValueSource(strings = {"a", "base-64 lts", "Ubuntu_22.04/x86-64", "A.b_c-d/e f"})
        void accepted(String value) {
            assertThat(ImageName.of(value).value()).isEqualTo(value);
        }

        @Test
        void atMost1024Characters() {
            assertThat(ImageName.of("n".repeat(1024)).value()).hasSize(1024);
            assertInvalid(() -> ImageName.of("n".repeat(1025)), "name");
        }

        @ParameterizedTest
        @ValueSource(strings = {"a:b", "a+b", "a@b", "naïve", "a\tb", "a\nb", "a,b", "a\\b", "~a"})
        void charactersOutsideThePatternAreInvalid(String value) {
            assertInvalid(() -> ImageName.of(value), "name");
        }

        @ParameterizedTest
        @NullAndEmptySource
        void required(String value) {
            assertMissing(() -> ImageName.of(value), "name");
        }
    }

    @Nested
    class Version {

        @ParameterizedTest
        @ValueSource(strings = {"1", "1.0.0", "20240102T030405Z", "1.0+build/2_x-y"})
        void accepted(String value) {
            assertThat(ImageVersion.of(value).value()).isEqualTo(value);
        }

        @Test
        void atMost512Characters() {
            assertThat(ImageVersion.of("1".repeat(512)).value()).hasSize(512);
            assertInvalid(() -> ImageVersion.of("1".repeat(513)), "version");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1 0", "1:0", "1@0", "1,0", "é"})
        void charactersOutsideThePatternAreInvalid(String value) {
            assertInvalid(() -> ImageVersion.of(value), "version");
        }

        @ParameterizedTest
        @NullAndEmptySource
        void required(String value) {
            assertMissing(() -> ImageVersion.of(value), "version");
        }
    }

    @Nested
    class DescriptionRule {

        @Test
        void anyTextUpTo10240Characters() {
            assertThat(Description.of("any text: ü, \"quotes\", \n newlines").value()).contains("ü");
            assertThat(Description.of("d".repeat(10240)).value()).hasSize(10240);
            assertInvalid(() -> Description.of("d".repeat(10241)), "description");
        }
    }

    @Nested
    class HomepageAndEula {

        @ParameterizedTest
        @ValueSource(strings = {"homepage", "eula"})
        void httpAndHttpsUrlsAreAccepted(String field) {
            assertThat(new WebAddress(field, "http://example.com").value()).isEqualTo("http://example.com");
            assertThat(new WebAddress(field, "https://example.com/a/b?c=d#e").value())
                    .isEqualTo("https://example.com/a/b?c=d#e");
        }

        @ParameterizedTest
        @ValueSource(strings = {"homepage", "eula"})
        void atMost1024Characters(String field) {
            String prefix = "https://example.com/";
            String longest = prefix + "p".repeat(1024 - prefix.length());
            assertThat(new WebAddress(field, longest).value()).hasSize(1024);
            assertInvalid(() -> new WebAddress(field, longest + "p"), field);
        }

        @ParameterizedTest
        @ValueSource(strings = {"ftp://example.com", "example.com", "http://", "https:///path", "mailto:a@example.com",
                "javascript:alert(1)", "https://exa mple.com", "file:///etc/passwd"})
        void otherAddressesAreInvalid(String value) {
            assertInvalid(() -> new WebAddress("homepage", value), "homepage");
            assertInvalid(() -> new WebAddress("eula", value), "eula");
        }
    }

    @Nested
    class AclRule {

        @Test
        void anArrayOfUuids() {
            assertThat(Acl.of(List.of(U1.toString(), U2.toString())).accounts()).containsExactly(U1, U2);
        }

        @Test
        void aSingleStringIsWrapped() {
            assertThat(Acl.of(U1.toString()).accounts()).containsExactly(U1);
        }

        @Test
        void nullAndEmptyAreEmpty() {
            assertThat(Acl.of(null)).isEqualTo(Acl.EMPTY);
            assertThat(Acl.of(List.of()).isEmpty()).isTrue();
        }

        @Test
        void aBadItemIsNamedByItsIndex() {
            assertThat(assertInvalid(() -> Acl.of(List.of(U1.toString(), "not-a-uuid")), "acl").message())
                    .isEqualTo("item 1 is not a UUID");
            assertThat(assertInvalid(() -> Acl.of(List.of(42)), "acl").message()).isEqualTo("item 0 is not a UUID");
            assertThat(assertInvalid(() -> Acl.of("1-1-1-1-1"), "acl").message()).isEqualTo("item 0 is not a UUID");
        }

        @Test
        void otherShapesAreInvalid() {
            assertInvalid(() -> Acl.of(Map.of("a", U1.toString())), "acl");
            assertInvalid(() -> Acl.of(7), "acl");
            assertInvalid(() -> Acl.of(true), "acl");
        }
    }

    @Nested
    class TagsRule {

        @Test
        void anObjectWithAnyJsonValues() {
            Map<String, Object> raw = new LinkedHashMap<>();
            raw.put("role", "db");
            raw.put("count", 3);
            raw.put("nested", Map.of("list", List.of(1, "two", false)));
            raw.put("none", null);

            assertThat(Tags.of(raw).values()).containsExactly(entry("role", "db"), entry("count", 3),
                    entry("nested", Map.of("list", List.of(1, "two", false))), entry("none", null));
            assertThat(Tags.of(null)).isEqualTo(Tags.EMPTY);
        }

        @Test
        void mustBeAnObject() {
            assertInvalid(() -> Tags.of(List.of("a", "b")), "tags");
            assertInvalid(() -> Tags.of("role=db"), "tags");
            assertInvalid(() -> Tags.of(1), "tags");
        }

        @Test
        void atMost100KibSerialised() {
            // {"k":"…"} is the string's length plus 8 characters.
            assertThat(Tags.of(Map.of("k", "x".repeat(100 * 1024 - 8))).values()).hasSize(1);
            assertInvalid(() -> Tags.of(Map.of("k", "x".repeat(100 * 1024 - 7))), "tags");
        }

        @Test
        void theCapCountsEscapesAsSerialised() {
            // Each quote serialises as \" (two characters): 8 + 2 × 51196 = 102400.
            assertThat(Tags.of(Map.of("k", "\"".repeat(51196))).values()).hasSize(1);
            assertInvalid(() -> Tags.of(Map.of("k", "\"".repeat(51197))), "tags");
        }
    }

    @Nested
    class TypeAndOs {

        @ParameterizedTest
        @ValueSource(strings = {"zone-dataset", "lx-dataset", "zvol", "docker", "lxd", "other"})
        void knownTypes(String value) {
            assertThat(ImageType.of(value).wireName()).isEqualTo(value);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "Docker", "zone_dataset", "smartos", "vm"})
        void unknownTypesAreInvalid(String value) {
            assertInvalid(() -> ImageType.of(value), "type");
        }

        @Test
        void exactlySixTypes() {
            assertThat(ImageType.values()).hasSize(6);
        }

        @ParameterizedTest
        @ValueSource(strings = {"smartos", "linux", "windows", "bsd", "illumos", "other"})
        void knownOses(String value) {
            assertThat(ImageOs.of(value).wireName()).isEqualTo(value);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "Linux", "ubuntu", "freebsd", "zone-dataset"})
        void unknownOsesAreInvalid(String value) {
            assertInvalid(() -> ImageOs.of(value), "os");
        }

        @Test
        void exactlySixOses() {
            assertThat(ImageOs.values()).hasSize(6);
        }
    }

    @Nested
    class RequirementsRule {

        @Test
        void everyAllowedKeyIsKept() {
            Map<String, Object> raw = new LinkedHashMap<>();
            raw.put("min_ram", 512);
            raw.put("max_ram", 1024);
            raw.put("brand", "bhyve");
            raw.put("bootrom", "uefi");
            raw.put("ssh_key", true);
            raw.put("networks", List.of(Map.of("name", "net0", "description", "public")));
            raw.put("min_platform", Map.of("7.0", "20200101T000000Z"));
            raw.put("max_platform", Map.of("7.0", "20300101T000000Z"));

            Requirements requirements = Requirements.of(raw);

            assertThat(requirements.minRam()).isEqualTo(512);
            assertThat(requirements.maxRam()).isEqualTo(1024);
            assertThat(requirements.brand()).isEqualTo("bhyve");
            assertThat(requirements.bootrom()).isEqualTo("uefi");
            assertThat(requirements.others()).containsOnlyKeys("ssh_key", "networks", "min_platform", "max_platform")
                    .containsEntry("networks", List.of(Map.of("name", "net0", "description", "public")));
        }

        @Test
        void noneIsEmpty() {
            assertThat(Requirements.of(null)).isEqualTo(Requirements.NONE);
            assertThat(Requirements.of(Map.of())).isEqualTo(Requirements.NONE);
        }

        @Test
        void minRamMayEqualMaxRam() {
            assertThat(Requirements.of(Map.of("min_ram", 1024, "max_ram", 1024)).minRam()).isEqualTo(1024);
            assertThat(Requirements.of(Map.of("min_ram", 1024L, "max_ram", 2048.0)).maxRam()).isEqualTo(2048);
        }

        @ParameterizedTest
        @ValueSource(strings = {"bios", "uefi"})
        void bootromWithBrandBhyve(String bootrom) {
            assertThat(Requirements.of(Map.of("brand", "bhyve", "bootrom", bootrom)).bootrom()).isEqualTo(bootrom);
        }

        static List<Object> refused() {
            return List.of(
                    Map.of("foo", 1),
                    Map.of("min_ram", 512, "min_memory", 512),
                    Map.of("min_ram", 2048, "max_ram", 1024),
                    Map.of("min_ram", 0),
                    Map.of("max_ram", -1),
                    Map.of("min_ram", 1.5),
                    Map.of("min_ram", "512"),
                    Map.of("max_ram", 4_294_967_296L),
                    Map.of("bootrom", "uefi"),
                    Map.of("brand", "kvm", "bootrom", "bios"),
                    Map.of("brand", "bhyve", "bootrom", "efi"),
                    Map.of("brand", ""),
                    List.of("min_ram"),
                    "min_ram=512");
        }

        @ParameterizedTest
        @MethodSource("refused")
        void refusedValues(Object raw) {
            assertInvalid(() -> Requirements.of(raw), "requirements");
        }
    }

    @Nested
    class Files {

        @ParameterizedTest
        @EnumSource(Compression.class)
        void everyCompression(Compression compression) {
            assertThat(Compression.of(compression.wireName())).isEqualTo(compression);
            assertThat(new ImageFile(A, 10, compression, null).compression()).isEqualTo(compression);
        }

        @Test
        void theFourCompressions() {
            assertThat(List.of(Compression.values())).extracting(Compression::wireName)
                    .containsExactlyInAnyOrder("gzip", "bzip2", "xz", "none");
        }

        @ParameterizedTest
        @ValueSource(strings = {"lz4", "GZIP", "gz", ""})
        void unknownCompressionIsInvalid(String value) {
            assertInvalid(() -> Compression.of(value), "files");
        }

        @Test
        void nullCompressionIsInvalid() {
            assertInvalid(() -> Compression.of(null), "files");
            assertInvalid(() -> new ImageFile(A, 10, null, null), "files");
        }

        @Test
        void sha1IsFortyLowerCaseHexDigits() {
            assertThat(new ImageFile(A, 0, Compression.NONE, "b".repeat(64)).sha1()).isEqualTo(A);
            assertInvalid(() -> new ImageFile(A.toUpperCase(), 10, Compression.NONE, null), "files");
            assertInvalid(() -> new ImageFile(A.substring(1), 10, Compression.NONE, null), "files");
            assertInvalid(() -> new ImageFile(A + "0", 10, Compression.NONE, null), "files");
            for (String justOutside : List.of("/", ":", "`", "g", "F")) {
                assertInvalid(() -> new ImageFile(A.substring(1) + justOutside, 10, Compression.NONE, null), "files");
            }
            assertInvalid(() -> new ImageFile(null, 10, Compression.NONE, null), "files");
        }

        @Test
        void sizeIsNotNegativeAndSha256IsHex() {
            assertInvalid(() -> new ImageFile(A, -1, Compression.NONE, null), "files");
            assertInvalid(() -> new ImageFile(A, 1, Compression.NONE, "b".repeat(63)), "files");
            assertInvalid(() -> new ImageFile(A, 1, Compression.NONE, "b".repeat(63) + "/"), "files");
        }
    }

    @Nested
    class PublishedAtRule {

        @Test
        void secondsOrMilliseconds() {
            assertThat(PublishedAt.parse("2024-01-02T03:04:05Z")).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
            assertThat(PublishedAt.parse("2024-01-02T03:04:05.678Z"))
                    .isEqualTo(Instant.parse("2024-01-02T03:04:05.678Z"));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"2024-01-02T03:04Z", "2024-01-02 03:04:05Z", "2024-01-02T03:04:05",
                "2024-01-02T03:04:05+00:00", "2024-01-02T03:04:05.6Z", "2024-01-02T03:04:05.67Z",
                "2024-01-02T03:04:05.6789Z", "2024-13-02T03:04:05Z", "2024-01-32T03:04:05Z", "2024-01-02T24:04:05Z",
                "20240102T030405Z", "2024-01-02t03:04:05z"})
        void otherFormsAreInvalid(String value) {
            assertInvalid(() -> PublishedAt.parse(value), "published_at");
        }
    }
}
