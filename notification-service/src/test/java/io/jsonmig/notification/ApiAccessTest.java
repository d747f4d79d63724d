package io.jsonmig.notification;

import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.jsonmig.testing.auth.ApiAccessContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import java.util.List;

/**
 * Who may call notification-service's API ({@link ApiAccessContract}): runs, status pages, their event stream,
 * deliveries and subscriptions are a viewer's to read; subscriptions are an operator's to change, and "/" (a
 * redirect to the status page) is open. An operator creates, replaces and deletes one subscription.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class ApiAccessTest extends ApiAccessContract {

    private static final String UNKNOWN_RUN = "mig-20000101-000000-0000";
    private static final String SUBSCRIPTION = "{\"name\": \"api-access\", \"audience\": \"users\", \"channel\": \"webhook\","
            + " \"target\": \"http://127.0.0.1:9/api-access\", \"events\": [\"cutover.ready\"], \"minSeverity\": \"%s\","
            + " \"secret\": \"api-access-signing-secret\"}";

    @Override
    protected List<Call> calls() {
        return List.of(
                Call.of("GET /", "/", 303),
                Call.of("GET /status", "/status", 200),
                Call.of("GET /status/{migrationId}", "/status/" + UNKNOWN_RUN, 404),
                Call.of("GET /migrations", "/migrations", 200),
                Call.of("GET /migrations/{migrationId}", "/migrations/" + UNKNOWN_RUN, 404),
                Call.of("GET /migrations/{migrationId}/events", "/migrations/bad%20id/events", 400),
                Call.of("GET /deliveries", "/deliveries", 200),
                Call.of("GET /subscriptions", "/subscriptions", 200),
                Call.of("GET /subscriptions/{name}", "/subscriptions/api-access-none", 404),
                Call.of("POST /subscriptions", "/subscriptions", 201).withBody(SUBSCRIPTION.formatted("warning")),
                Call.of("PUT /subscriptions/{name}", "/subscriptions/api-access", 200).withBody(SUBSCRIPTION.formatted("info")),
                Call.of("DELETE /subscriptions/{name}", "/subscriptions/api-access", 204),
                Call.of("POST /preflight", "/preflight", 200).withBody("{\"sourceDir\": \"/tmp/jsonmig-no-such-dir\","
                        + " \"schemaDir\": \"/tmp/jsonmig-no-such-dir\", \"targetProfile\": \"local\"}"));
    }
}
