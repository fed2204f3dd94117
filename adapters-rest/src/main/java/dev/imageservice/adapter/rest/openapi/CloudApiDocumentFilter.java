package dev.imageservice.adapter.rest.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Attaches what every CloudAPI request and response has, so that no resource repeats it: the
 * {@code Accept-Version} and {@code Date} request headers, the {@code Api-Version},
 * {@code Request-Id} and {@code Response-Time} response headers (on errors too), the errors any
 * request can meet (400, 401, 403, 404, 500, 503) unless the operation describes them itself, and the
 * Error body on every error response that names no body of its own. It also puts the shared
 * {@code login} path parameter first and the path before the query, the order generated clients
 * then take them in. Operations that answer one image document its {@code ETag}, and the writes
 * that honour {@code If-Match} document it and their 412. Runs at build time, so
 * the document stored for client generation is the one served.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class CloudApiDocumentFilter implements OASFilter {

    static final String ERROR_SCHEMA = "Error";

    private static final List<String> REQUEST_HEADERS = List.of(CloudApiDocument.ACCEPT_VERSION, CloudApiDocument.DATE);
    private static final List<String> RESPONSE_HEADERS =
            List.of(CloudApiDocument.API_VERSION, CloudApiDocument.REQUEST_ID, CloudApiDocument.RESPONSE_TIME);
    /** Operations whose successful answer is one image, with its revision as ETag. */
    private static final Set<String> ANSWER_ONE_IMAGE = Set.of("GetImage", "UpdateImage", "CloneImage",
            "ImportImageFromDatacenter", "CreateImageFromMachine", "ImageAction");
    /** Operations that honour If-Match. */
    private static final Set<String> CONDITIONAL_WRITES = Set.of("UpdateImage", "ImageAction", "DeleteImage");
    private static final Map<String, String> COMMON_ERRORS = Map.of(
            "400", CloudApiDocument.BAD_REQUEST,
            "401", CloudApiDocument.UNAUTHORIZED,
            "403", CloudApiDocument.FORBIDDEN,
            "404", CloudApiDocument.NOT_FOUND,
            "500", CloudApiDocument.INTERNAL_ERROR,
            "503", CloudApiDocument.SERVICE_UNAVAILABLE);

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() != null && openAPI.getComponents().getResponses() != null) {
            openAPI.getComponents().getResponses().forEach(CloudApiDocumentFilter::complete);
        }
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values()
                .forEach(item -> item.getOperations().values().forEach(CloudApiDocumentFilter::complete));
    }

    private static void complete(Operation operation) {
        List<Parameter> parameters = new ArrayList<>(operation.getParameters() == null ? List.of() : operation.getParameters());
        parameters.sort(Comparator.comparingInt(CloudApiDocumentFilter::rank));
        boolean conditional = CONDITIONAL_WRITES.contains(operation.getOperationId());
        if (conditional) {
            parameters.add(OASFactory.createParameter().ref(CloudApiDocument.IF_MATCH));
        }
        for (String header : REQUEST_HEADERS) {
            parameters.add(OASFactory.createParameter().ref(header));
        }
        operation.setParameters(parameters);
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            return;
        }
        if (ANSWER_ONE_IMAGE.contains(operation.getOperationId())) {
            responses.getAPIResponses().forEach((status, response) -> {
                if (status.startsWith("2") && response.getRef() == null) {
                    response.addHeader(CloudApiDocument.ETAG, OASFactory.createHeader().ref(CloudApiDocument.ETAG));
                }
            });
        }
        if (conditional) {
            responses.addAPIResponse("412", OASFactory.createAPIResponse().ref(CloudApiDocument.PRECONDITION_FAILED));
        }
        responses.getAPIResponses().forEach(CloudApiDocumentFilter::complete);
        COMMON_ERRORS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .filter(error -> !responses.hasAPIResponse(error.getKey()))
                .forEach(error -> responses.addAPIResponse(error.getKey(),
                        OASFactory.createAPIResponse().ref(error.getValue())));
    }

    /** login first, then the other path parameters, then the query (the sort is stable). */
    private static int rank(Parameter parameter) {
        if (parameter.getRef() != null && parameter.getRef().endsWith("/" + CloudApiDocument.LOGIN)) {
            return 0;
        }
        return parameter.getIn() == Parameter.In.PATH ? 1 : 2;
    }

    private static void complete(String status, APIResponse response) {
        if (response.getRef() != null) {
            return;
        }
        for (String header : RESPONSE_HEADERS) {
            if (response.getHeaders() == null || !response.getHeaders().containsKey(header)) {
                response.addHeader(header, OASFactory.createHeader().ref(header));
            }
        }
        boolean error = status.length() == 3 && status.charAt(0) >= '4';
        if (error && response.getContent() == null) {
            response.setContent(OASFactory.createContent().addMediaType("application/json",
                    OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ERROR_SCHEMA))));
        }
    }
}
