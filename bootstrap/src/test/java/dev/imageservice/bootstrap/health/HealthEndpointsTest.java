package dev.imageservice.bootstrap.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** /q/health/live and /q/health/ready on the running application, unsigned. */
@QuarkusTest
class HealthEndpointsTest {

    @ConfigProperty(name = "images.data-dir")
    Path dataDir;

    @Test
    void readinessChecksTheDatabaseBothStoresAndTheJobWorkerWithoutASignature() {
        JsonPath ready = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();

        assertThat(ready.getString("status")).isEqualTo("UP");
        assertThat(ready.<String>getList("checks.name")).contains(
                "Database connections health check", "file store", "export store", JobWorkerReadiness.NAME);
        assertThat(ready.<String>getList("checks.status")).containsOnly("UP");
        given().get("/q/health/live").then().statusCode(200);
        // Everything else still needs a signature.
        given().get("/my/images").then().statusCode(401);
    }

    @Test
    void aStoreThatCannotBeWrittenMakesTheInstanceUnreadyAndSaysWhere() throws IOException {
        Path staging = dataDir.resolve("files/tmp");
        deleteTree(staging);
        Files.createDirectories(staging.getParent());
        Files.writeString(staging, "a file where the staging folder must be");
        try {
            JsonPath ready = given().get("/q/health/ready").then().statusCode(503).extract().jsonPath();

            Map<String, Object> fileStore = ready.<Map<String, Object>>getList("checks").stream()
                    .filter(check -> check.get("name").equals("file store")).findFirst().orElseThrow();
            assertThat(fileStore).containsEntry("status", "DOWN");
            assertThat(fileStore.get("data").toString()).contains(staging.toString());
            assertThat(ready.<String>getList("checks.findAll { it.status == 'DOWN' }.name")).isEqualTo(List.of("file store"));
        } finally {
            Files.delete(staging);
        }
        given().get("/q/health/ready").then().statusCode(200);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
