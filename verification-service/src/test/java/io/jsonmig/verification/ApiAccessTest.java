package io.jsonmig.verification;

import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.jsonmig.testing.auth.ApiAccessContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import java.util.List;

/**
 * Who may call verification-service's API ({@link ApiAccessContract}): the reports and their pages are a
 * viewer's, the preflight an operator's. The run is unknown, so every report is 404 past authorization.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class ApiAccessTest extends ApiAccessContract {

    private static final String UNKNOWN = "/verifications/mig-20000101-000000-0000";

    @Override
    protected List<Call> calls() {
        return List.of(
                Call.of("GET /verifications/{migrationId}", UNKNOWN, 404),
                Call.of("GET /verifications/{migrationId}.html", UNKNOWN + ".html", 404),
                Call.of("GET /verifications/{migrationId}/reverse-sync", UNKNOWN + "/reverse-sync", 404),
                Call.of("GET /verifications/{migrationId}/reverse-sync.html", UNKNOWN + "/reverse-sync.html", 404),
                Call.of("POST /preflight", "/preflight", 200).withBody("{\"sourceDir\": \"/tmp/jsonmig-no-such-dir\","
                        + " \"schemaDir\": \"/tmp/jsonmig-no-such-dir\", \"targetProfile\": \"local\"}"));
    }
}
