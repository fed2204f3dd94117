package dev.imageservice.bootstrap.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * No jar of the packaged application is signed. Quarkus's runner opens every jar with verification on, so
 * a signed jar has its signature file checked when its first class is read. application.properties has
 * the BouncyCastle jars copied without their signature; a signed jar that comes with a new dependency or
 * a renamed artifact would otherwise bring the check back unnoticed.
 */
class UnsignedJarsIT {

    /** The entries that make the JVM verify a jar: signature files and signature blocks directly in META-INF. */
    private static final Pattern SIGNATURE = Pattern.compile("META-INF/[^/]+\\.(SF|DSA|RSA|EC)");

    @Test
    void noPackagedJarCarriesASignature() throws IOException {
        Path app = PackagedServer.JAR.getParent();
        Map<String, List<String>> signed = new TreeMap<>();
        List<Path> jars;
        try (Stream<Path> files = Files.walk(app)) {
            jars = files.filter(file -> file.toString().endsWith(".jar")).toList();
        }
        for (Path jar : jars) {
            List<String> signatures = signatureEntries(jar);
            if (!signatures.isEmpty()) {
                signed.put(app.relativize(jar).toString(), signatures);
            }
        }

        assertThat(jars).as("the BouncyCastle jars under " + app)
                .anyMatch(jar -> jar.getFileName().toString().startsWith("org.bouncycastle."));
        assertThat(signed).as("signed jars: list their signature files in quarkus.class-loading.removed-resources").isEmpty();
    }

    private static List<String> signatureEntries(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName)
                    .filter(name -> SIGNATURE.matcher(name.toUpperCase(Locale.ROOT)).matches()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + jar, e);
        }
    }
}
