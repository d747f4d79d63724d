package io.jsonmig.backup;

import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.jsonmig.testing.openapi.OpenApiDocumentContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** backup-service's OpenAPI document and Swagger UI, as every service's: {@link OpenApiDocumentContract}. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class OpenApiDocumentTest extends OpenApiDocumentContract {
}
