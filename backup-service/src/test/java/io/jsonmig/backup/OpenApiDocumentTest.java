package io.jsonmig.backup;

import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.jsonmig.testing.openapi.OpenApiCoverage;
import io.jsonmig.testing.openapi.ResourceMethods;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * {@code /q/openapi} describes every JAX-RS resource method of backup-service (found in its compiled classes, not
 * listed by hand) with its success and error responses, and Swagger UI serves it.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class OpenApiDocumentTest {

    @Test
    void everyResourceMethodIsDocumentedWithItsResponses() {
        List<ResourceMethods.Endpoint> endpoints = ResourceMethods.in(Path.of("target/classes"));
        String document = given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString();

        assertThat(endpoints).as("resource methods of backup-service").isNotEmpty();
        assertThat(OpenApiCoverage.of(document).gaps(endpoints)).isEmpty();
    }

    @Test
    void swaggerUiServesTheDocument() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }
}
