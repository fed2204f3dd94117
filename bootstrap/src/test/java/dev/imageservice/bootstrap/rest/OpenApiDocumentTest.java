package dev.imageservice.bootstrap.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.imageservice.adapter.rest.dto.ImageDto;
import dev.imageservice.adapter.rest.dto.MantaLocationDto;
import io.quarkus.test.junit.QuarkusTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The document at /q/openapi: valid (swagger-parser reports nothing), and complete in the ways
 * clients need: every operation by the contract's name, the signature scheme, the CloudAPI headers,
 * the Error body on errors, and schemas that show every field the DTOs send.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTest {

    private static final List<String> OPERATIONS = List.of("ListImages", "GetImage", "DeleteImage", "ExportImage",
            "CreateImageFromMachine", "ImportImageFromDatacenter", "UpdateImage", "CloneImage", "GetAccount",
            "ListMachines", "GetMachine", "ListDatacenters", "GetImageFile");

    private SwaggerParseResult parsed;
    private OpenAPI document;

    /** Parsed on first use: RestAssured knows the test port only once a test runs. */
    @BeforeEach
    void parse() {
        if (document != null) {
            return;
        }
        String json = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        parsed = new OpenAPIV3Parser().readContents(json, null, options);
        document = parsed.getOpenAPI();
    }

    @Test
    void theValidatorReportsNothing() {
        assertThat(parsed.getMessages()).isEmpty();
        assertThat(document).isNotNull();
        assertThat(document.getOpenapi()).isEqualTo("3.0.3");
    }

    @Test
    void everyOperationIsThereUnderTheContractsName() {
        assertThat(operations().keySet()).containsAll(OPERATIONS).contains("ImageAction", "GetExportedObject");
        assertThat(operations().get("UpdateImage").path()).isEqualTo("/{login}/images/{id}/update");
        assertThat(operations().get("ExportImage").path()).isEqualTo("/{login}/images/{id}/export");
        assertThat(operations().get("CloneImage").path()).isEqualTo("/{login}/images/{id}/clone");
        assertThat(operations().get("ImportImageFromDatacenter").path()).isEqualTo("/{login}/images/import-from-datacenter");
        assertThat(operations().get("CreateImageFromMachine").path()).isEqualTo("/{login}/images");
        assertThat(operations().get("ImageAction").path()).isEqualTo("/{login}/images/{id}");
    }

    @Test
    void theHttpSignatureSchemeGuardsEveryOperation() {
        SecurityScheme scheme = document.getComponents().getSecuritySchemes().get("httpSignature");
        assertThat(scheme.getType()).isEqualTo(SecurityScheme.Type.HTTP);
        assertThat(scheme.getScheme()).isEqualTo("signature");
        assertThat(scheme.getDescription()).contains("(request-target)", "keyId=\"/LOGIN/keys/");
        assertThat(document.getSecurity()).singleElement().satisfies(requirement ->
                assertThat(requirement).containsKey("httpSignature"));
    }

    @Test
    void everyOperationTakesTheCloudApiRequestHeadersAndEveryResponseNamesItsHeaders() {
        operations().forEach((id, entry) -> {
            assertThat(parameterNames(entry.operation())).as(id).contains("login", "Accept-Version", "Date");
            entry.operation().getResponses().forEach((status, response) -> {
                ApiResponse resolved = resolve(response);
                assertThat(resolved.getHeaders()).as(id + " " + status)
                        .containsKeys("Api-Version", "Request-Id", "Response-Time");
                if (status.startsWith("4") || status.startsWith("5")) {
                    assertThat(resolved.getContent().get("application/json").getSchema().get$ref())
                            .as(id + " " + status).endsWith("/Error");
                }
            });
            assertThat(entry.operation().getResponses()).as(id).containsKeys("400", "401", "403", "404", "500");
        });
    }

    @Test
    void theOperationSpecificHeadersAreDescribed() {
        assertThat(operations().get("CreateImageFromMachine").operation().getResponses().get("201").getHeaders())
                .containsKeys("Location", "x-joyent-jobid");
        assertThat(operations().get("ListDatacenters").operation().getResponses().get("200").getHeaders())
                .containsKey("Triton-Datacenter-Name");
        assertThat(operations().get("ListMachines").operation().getResponses().get("200").getHeaders())
                .containsKey("x-resource-count");
    }

    @Test
    void imageAnswersCarryTheirETagAndTheWritesTakeIfMatch() {
        for (String id : List.of("GetImage", "UpdateImage", "CloneImage", "ImportImageFromDatacenter", "ImageAction")) {
            assertThat(operations().get(id).operation().getResponses().get("200").getHeaders()).as(id).containsKey("ETag");
        }
        assertThat(operations().get("CreateImageFromMachine").operation().getResponses().get("201").getHeaders())
                .containsKey("ETag");
        for (String id : List.of("UpdateImage", "ImageAction", "DeleteImage")) {
            assertThat(parameterNames(operations().get(id).operation())).as(id).contains("If-Match");
            assertThat(resolve(operations().get(id).operation().getResponses().get("412")).getDescription())
                    .as(id).contains("PreconditionFailed");
        }
        assertThat(parameterNames(operations().get("GetImage").operation())).doesNotContain("If-Match");
    }

    @Test
    void theRequestsAreTyped() {
        assertThat(bodySchemaRef("CreateImageFromMachine")).endsWith("/CreateImageFromMachineRequest");
        assertThat(bodySchemaRef("UpdateImage")).endsWith("/UpdateImageRequest");
        assertThat(parameterNames(operations().get("ExportImage").operation())).contains("manta_path");
        assertThat(parameterNames(operations().get("ImportImageFromDatacenter").operation())).contains("datacenter", "id");
        assertThat(operations().get("CloneImage").operation().getRequestBody()).isNull();
        assertThat(schema("CreateImageFromMachineRequest").getRequired()).containsExactly("machine", "name", "version");
    }

    @Test
    void theSchemasShowEveryFieldTheDtosSend() {
        assertThat(schema("Image").getProperties()).containsOnlyKeys(jsonNames(ImageDto.class));
        assertThat(schema("MantaLocation").getProperties()).containsOnlyKeys(jsonNames(MantaLocationDto.class));
        assertThat(schema("Error").getProperties()).containsOnlyKeys("code", "message", "errors");
        assertThat(schema("Error").getProperties().get("errors").getItems().get$ref()).endsWith("/FieldError");
        assertThat(document.getComponents().getSchemas()).containsKeys("Account", "Machine", "Requirements",
                "ImageFile", "ImageError", "FieldError");
        assertThat(schema("Image").getExample()).isNotNull();
        assertThat(schema("MantaLocation").getExample()).isNotNull();
        assertThat(schema("Error").getExample()).isNotNull();
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    private record Entry(String path, Operation operation) {
    }

    private Map<String, Entry> operations() {
        Map<String, Entry> operations = new LinkedHashMap<>();
        document.getPaths().forEach((path, item) -> item.readOperations()
                .forEach(operation -> operations.put(operation.getOperationId(), new Entry(path, operation))));
        return operations;
    }

    private List<String> parameterNames(Operation operation) {
        return operation.getParameters().stream().map(this::resolve).map(Parameter::getName).toList();
    }

    private Parameter resolve(Parameter parameter) {
        return parameter.get$ref() == null ? parameter
                : document.getComponents().getParameters().get(simpleName(parameter.get$ref()));
    }

    private ApiResponse resolve(ApiResponse response) {
        return response.get$ref() == null ? response
                : document.getComponents().getResponses().get(simpleName(response.get$ref()));
    }

    private String bodySchemaRef(String operationId) {
        return operations().get(operationId).operation().getRequestBody().getContent().get("application/json")
                .getSchema().get$ref();
    }

    private Schema<?> schema(String name) {
        return document.getComponents().getSchemas().get(name);
    }

    private static String simpleName(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    private static String[] jsonNames(Class<? extends Record> dto) {
        return Arrays.stream(dto.getRecordComponents()).map(OpenApiDocumentTest::jsonName).toArray(String[]::new);
    }

    private static String jsonName(RecordComponent component) {
        JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
        return property == null ? component.getName() : property.value();
    }
}
