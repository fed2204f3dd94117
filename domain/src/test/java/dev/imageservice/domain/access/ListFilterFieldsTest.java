package dev.imageservice.domain.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.domain.image.Acl;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageFixtures;
import dev.imageservice.domain.image.ImageName;
import dev.imageservice.domain.image.ImageOs;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.image.ImageType;
import dev.imageservice.domain.image.ImageVersion;
import dev.imageservice.domain.image.Manifest;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The name, version, os and type list filters (ListImages in docs/compatibility.md). */
class ListFilterFieldsTest {

    private static final UUID CALLER = UUID.fromString("c0000000-0000-4000-8000-000000000001");

    private static Image image(String name, String version, ImageOs os, ImageType type) {
        Manifest manifest = new Manifest(ImageName.of(name), ImageVersion.of(version), null, null, null, os, type,
                null, null, Acl.EMPTY, true, null);
        return ImageFixtures.inState(ImageState.ACTIVE, CALLER, manifest);
    }

    private static final List<Image> IMAGES = List.of(
            image("ubuntu-22.04", "20240101", ImageOs.LINUX, ImageType.ZVOL),
            image("ubuntu", "20240102", ImageOs.LINUX, ImageType.LX_DATASET),
            image("Ubuntu", "1.0.0", ImageOs.LINUX, ImageType.ZONE_DATASET),
            image("base-64", "1.0.0+b1", ImageOs.SMARTOS, ImageType.ZONE_DATASET),
            image("nginx", "latest", ImageOs.LINUX, ImageType.DOCKER),
            image("win", "2022", ImageOs.WINDOWS, ImageType.OTHER),
            image("nothing", "0", null, null));

    private static List<String> names(ImageListFilter filter) {
        return IMAGES.stream().filter(filter::matches).map(i -> i.manifest().name().value()).toList();
    }

    private static ImageListFilter filter(String name, String version, String os, String type) {
        return new ImageListFilter(CALLER, StateFilter.ACTIVE, null, null, TextMatch.parse(name),
                TextMatch.parse(version), os, type);
    }

    private static List<String> expected(String csv) {
        return csv == null ? List.of() : Stream.of(csv.split(" ")).toList();
    }

    @ParameterizedTest(name = "name={0} -> {1}")
    @CsvSource({
            "ubuntu, ubuntu",
            "Ubuntu, Ubuntu",
            "ubuntu-22, ",
            "~ubuntu, ubuntu-22.04 ubuntu",
            "~Ubu, Ubuntu",
            "~buntu, ubuntu-22.04 ubuntu Ubuntu",
            "~-, ubuntu-22.04 base-64",
            "~., ubuntu-22.04",
            "UBUNTU, ",
            "~UBUNTU, ",
            "ubuntu*, ",
            "~ubuntu%, ",
    })
    void name(String filter, String expected) {
        assertThat(names(filter(filter, null, null, null))).isEqualTo(expected(expected));
    }

    @ParameterizedTest(name = "version={0} -> {1}")
    @CsvSource({
            "1.0.0, Ubuntu",
            "~1.0.0, Ubuntu base-64",
            "~+b, base-64",
            "~2024, ubuntu-22.04 ubuntu",
            "2024, ",
            "~_, ",
    })
    void version(String filter, String expected) {
        assertThat(names(filter(null, filter, null, null))).isEqualTo(expected(expected));
    }

    @ParameterizedTest(name = "os={0} -> {1}")
    @CsvSource({
            "linux, ubuntu-22.04 ubuntu Ubuntu",
            "smartos, base-64",
            "windows, win",
            "bsd, ",
            "Linux, ",
            "plan9, ",
    })
    void os(String os, String expected) {
        assertThat(names(filter(null, null, os, null))).isEqualTo(expected(expected));
    }

    @ParameterizedTest(name = "type={0} -> {1}")
    @CsvSource({
            "zone-dataset, Ubuntu base-64",
            "docker, nginx",
            "zvol, ubuntu-22.04",
            "other, win",
            "lxd, ",
            "bogus, ",
            "Docker, ",
    })
    void type(String type, String expected) {
        assertThat(names(filter(null, null, null, type))).isEqualTo(expected(expected));
    }

    @ParameterizedTest
    @CsvSource({"all", "active"})
    void withoutATypeDockerImagesAreHidden(String state) {
        ImageListFilter filter = new ImageListFilter(CALLER, StateFilter.parse(state), null, null, null, null, null,
                null);
        assertThat(IMAGES.stream().filter(filter::matches).map(i -> i.manifest().name().value()))
                .containsExactly("ubuntu-22.04", "ubuntu", "Ubuntu", "base-64", "win", "nothing");
    }

    @ParameterizedTest(name = "name={0} version={1} os={2} type={3} -> {4}")
    @CsvSource({
            "~ubuntu, ~2024, linux, lx-dataset, ubuntu",
            "~ubuntu, ~2024, linux, , ubuntu-22.04 ubuntu",
            "~ubuntu, 1.0.0, , , ",
            "nginx, latest, linux, docker, nginx",
            "nginx, latest, linux, , ",
    })
    void filtersCombine(String name, String version, String os, String type, String expected) {
        assertThat(names(filter(name, version, os, type))).isEqualTo(expected(expected));
    }
}
