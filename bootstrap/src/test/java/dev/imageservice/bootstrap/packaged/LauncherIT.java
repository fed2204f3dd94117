package dev.imageservice.bootstrap.packaged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/image-service}, the launcher the README starts the service with, chooses the garbage
 * collector: the serial one for its default heap, the JVM's own choice for a heap given in IMAGES_HEAP,
 * and whatever JAVA_OPTS names over either (the JVM refuses to start with two). Each case runs one admin
 * command through the launcher and reads the collector from the JVM's own GC log line. On a JDK 25 or
 * newer, when the machine has one, it also records and then uses the ahead-of-time cache IMAGES_AOT_CACHE names.
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("..", "bin", "image-service");
    /** Where Debian's and Temurin's packages put JDKs. */
    private static final Path JVMS = Path.of("/usr/lib/jvm");

    @TempDir
    Path data;

    @Test
    void theDefaultHeapGetsTheSerialCollector() throws Exception {
        assertThat(launch(Map.of("JAVA_OPTS", "-Xlog:gc:stdout"))).contains("Using Serial");
    }

    @Test
    void aHeapOfTheOperatorsChoiceKeepsTheJvmsCollector() throws Exception {
        // What the JVM picks for the same heap on this machine without the launcher: G1 on two cores or more.
        String jvmChoice = javaGcLog("-Xmx300m");
        assertThat(launch(Map.of("IMAGES_HEAP", "300m", "JAVA_OPTS", "-Xlog:gc:stdout"))).contains(jvmChoice);
    }

    @Test
    void aCollectorNamedInTheJvmsOptionsWins() throws Exception {
        assertThat(launch(Map.of("JAVA_OPTS", "-Xlog:gc:stdout -XX:+UseParallelGC"))).contains("Using Parallel");
        assertThat(launch(Map.of("JAVA_OPTS", "-Xlog:gc:stdout", "JAVA_TOOL_OPTIONS", "-XX:+UseParallelGC")))
                .contains("Using Parallel");
    }

    @Test
    void onJdk25TheAheadOfTimeCacheIsRecordedOnceThenStartedFrom() throws Exception {
        Path jdk = jdkHomes().filter(home -> featureVersion(home) >= 25).findFirst().orElse(null);
        assumeTrue(jdk != null, "no JDK 25 or newer under " + JVMS);
        Path cache = data.resolve("image-service.aot");
        String path = jdk.resolve("bin") + File.pathSeparator + System.getenv("PATH");

        launch(Map.of("PATH", path, "IMAGES_AOT_CACHE", cache.toString()));
        assertThat(cache).as("written when the recording run exits").isNotEmptyFile();

        // AOTMode=on: the JVM refuses to start unless it can map that cache.
        String started = launch(Map.of("PATH", path, "IMAGES_AOT_CACHE", cache.toString(), "JAVA_OPTS", "-XX:AOTMode=on"));
        assertThat(started).doesNotContain("AOTCache creation");
    }

    private static Stream<Path> jdkHomes() throws IOException {
        if (!Files.isDirectory(JVMS)) {
            return Stream.empty();
        }
        try (Stream<Path> homes = Files.list(JVMS)) {
            return homes.filter(home -> Files.isRegularFile(home.resolve("release"))).sorted().toList().stream();
        }
    }

    /** 25 for a home whose release file says JAVA_VERSION="25.0.3"; 0 when it says nothing readable. */
    private static int featureVersion(Path home) {
        try {
            return Files.readAllLines(home.resolve("release")).stream()
                    .filter(line -> line.startsWith("JAVA_VERSION=\""))
                    .map(line -> line.substring("JAVA_VERSION=\"".length()).split("[.\"]")[0])
                    .filter(major -> major.matches("\\d+"))
                    .mapToInt(Integer::parseInt).findFirst().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The launcher's output for {@code account list} on an empty data folder; fails unless it exits 0. */
    private String launch(Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString(), "account", "list").redirectErrorStream(true);
        builder.environment().keySet()
                .removeAll(List.of("IMAGES_HEAP", "JAVA_OPTS", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "IMAGES_JAR",
                        "IMAGES_AOT_CACHE"));
        builder.environment().putAll(environment);
        builder.environment().put("IMAGES_DATA_DIR", data.toString());
        return run(builder);
    }

    /** The collector ("Using G1") the launcher's JVM, java on the PATH, logs with this option alone. */
    private static String javaGcLog(String option) throws IOException, InterruptedException {
        String out = run(new ProcessBuilder("java", option, "-Xlog:gc:stdout", "-version").redirectErrorStream(true));
        return out.lines().filter(line -> line.contains("Using ")).findFirst().map(line -> line.substring(line.indexOf("Using ")))
                .orElseThrow(() -> new AssertionError("no collector in: " + out));
    }

    /** Output to a file, so that a process that hangs fails the test at the timeout instead of blocking a read. */
    private static String run(ProcessBuilder builder) throws IOException, InterruptedException {
        Path output = Files.createTempFile("launcher", ".log");
        try {
            Process process = builder.redirectOutput(output.toFile()).start();
            boolean exited = process.waitFor(2, TimeUnit.MINUTES);
            if (!exited) {
                process.destroyForcibly();
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(exited).as(text).isTrue();
            assertThat(process.exitValue()).as(text).isZero();
            return text;
        } finally {
            Files.delete(output);
        }
    }
}
