package io.jsonmig.migration;

import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.jsonmig.testing.auth.ApiAccessContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import java.util.List;

/**
 * Who may call migration-service's API ({@link ApiAccessContract}): both calls are an operator's. The plan's
 * source is outside the allowed roots, so an operator's request is refused by validation, past authorization.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TargetProfilesResource.class)
class ApiAccessTest extends ApiAccessContract {

    @Override
    protected List<Call> calls() {
        return List.of(
                Call.of("POST /plans", "/plans", 400).withBody("{\"sourceDir\": \"/etc\", \"targetProfile\": \"local\"}"),
                Call.of("POST /preflight", "/preflight", 200).withBody("{\"sourceDir\": \"/tmp/jsonmig-no-such-dir\","
                        + " \"schemaDir\": \"/tmp/jsonmig-no-such-dir\", \"targetProfile\": \"local\"}"));
    }
}
