package io.jsonmig.testing.openapi;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * What every service's OpenAPI document must be, for a service's {@code @QuarkusTest} to extend:
 * {@code /q/openapi} describes every JAX-RS resource method of the service (found in its compiled
 * classes, not listed by hand) with its success and error responses, and Swagger UI serves it.
 */
public abstract class OpenApiDocumentContract {

    @Test
    void everyResourceMethodIsDocumentedWithItsResponses() {
        List<ResourceMethods.Endpoint> endpoints = ResourceMethods.in(Path.of("target/classes"));
        String document = given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString();

        assertThat(endpoints).as("resource methods of the service").isNotEmpty();
        assertThat(OpenApiCoverage.of(document).gaps(endpoints)).isEmpty();
    }

    @Test
    void swaggerUiServesTheDocument() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }
}
