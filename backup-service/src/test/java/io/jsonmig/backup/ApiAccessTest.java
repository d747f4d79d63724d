package io.jsonmig.backup;

import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.jsonmig.testing.auth.ApiAccessContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import java.util.List;

/**
 * Who may call backup-service's API ({@link ApiAccessContract}): restore and verify are an operator's, the
 * snapshots' metadata and drift a viewer's. The snapshot is unknown, so an operator's restore changes nothing.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class ApiAccessTest extends ApiAccessContract {

    private static final String UNKNOWN = "/snapshots/mig-20000101-000000-0000-a1";

    @Override
    protected List<Call> calls() {
        return List.of(
                Call.of("GET /snapshots", "/snapshots", 200),
                Call.of("GET /snapshots/{id}", UNKNOWN, 404),
                Call.of("GET /snapshots/{id}/drift", UNKNOWN + "/drift", 404),
                Call.of("POST /snapshots/{id}/verify", UNKNOWN + "/verify", 404),
                Call.of("POST /snapshots/{id}/restore", UNKNOWN + "/restore", 404),
                Call.of("POST /preflight", "/preflight", 200).withBody("{\"sourceDir\": \"/tmp/jsonmig-no-such-dir\","
                        + " \"schemaDir\": \"/tmp/jsonmig-no-such-dir\", \"targetProfile\": \"local\"}"));
    }
}
