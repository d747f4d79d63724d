package io.jsonmig.testing.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What a service's OpenAPI document ({@code /q/openapi}) leaves out of its JAX-RS resource methods: an
 * operation that is missing, has no success response, or takes a path parameter but documents no error.
 */
public final class OpenApiCoverage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode paths;

    private OpenApiCoverage(JsonNode document) {
        this.paths = document.path("paths");
    }

    /** @param openApiJson the document as {@code /q/openapi?format=json} serves it */
    public static OpenApiCoverage of(String openApiJson) {
        try {
            return new OpenApiCoverage(JSON.readTree(openApiJson));
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI document is not JSON", e);
        }
    }

    /** Each endpoint the document lacks or under-describes, with the reason. */
    public List<String> gaps(List<ResourceMethods.Endpoint> endpoints) {
        List<String> gaps = new ArrayList<>();
        for (ResourceMethods.Endpoint endpoint : endpoints) {
            JsonNode operation = paths.path(endpoint.path()).path(endpoint.httpMethod());
            if (operation.isMissingNode()) {
                gaps.add(endpoint + ": not in the document");
                continue;
            }
            List<String> codes = new ArrayList<>();
            for (Iterator<String> it = operation.path("responses").fieldNames(); it.hasNext(); ) {
                codes.add(it.next());
            }
            if (codes.stream().noneMatch(code -> code.startsWith("2") || code.startsWith("3"))) {
                gaps.add(endpoint + ": no success response, only " + codes);
            }
            if (endpoint.path().contains("{") && codes.stream().noneMatch(code -> code.startsWith("4"))) {
                gaps.add(endpoint + ": takes a path parameter but documents no 4xx response, only " + codes);
            }
        }
        return gaps;
    }
}
