package io.jsonmig.migration;

import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.jsonmig.testing.openapi.OpenApiDocumentContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** migration-service's OpenAPI document and Swagger UI, as every service's: {@link OpenApiDocumentContract}. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TargetProfilesResource.class)
class OpenApiDocumentTest extends OpenApiDocumentContract {
}
