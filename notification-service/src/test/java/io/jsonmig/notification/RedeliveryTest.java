package io.jsonmig.notification;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every event type delivered twice, back to back or after its run moved on, is stored once and told
 * once to each subscription. One partition per topic, handled in order: once a later run's event of
 * the same topic is stored, both deliveries have been handled.
 */
@QuarkusTest
@TestProfile(RunsOfTheirOwn.class)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class RedeliveryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final EventProbe probe = EventProbe.onTestBroker();

    @Inject
    DataSource ledger;

    @ParameterizedTest(name = "{0}")
    @EnumSource(EventType.class)
    void aRecordDeliveredTwiceInARowIsStoredAndToldOnce(EventType type) {
        BlogRun run = BlogRun.startingAt(Instant.now());
        String subscription = subscribeOperatorsTo(run);
        EventEnvelope event = run.of(type);
        probe.publish(event);
        probe.publish(event);

        awaitLaterEventStored(type);

        assertStoredAndToldOnce(event, subscription);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(EventType.class)
    void aRecordDeliveredAgainAfterItsRunMovedOnChangesNothing(EventType type) {
        BlogRun run = BlogRun.startingAt(Instant.now());
        String subscription = subscribeOperatorsTo(run);
        EventEnvelope event = run.of(type);
        probe.publish(event);
        EventEnvelope later = probe.publish(type == EventType.DATASOURCE_REVERTED ? run.driftChecked()
                : run.datasourceReverted());
        StoredNotifications stored = new StoredNotifications(ledger);
        await().atMost(TIMEOUT).until(() -> stored.runEvents(event.eventId()) == 1
                && stored.runEvents(later.eventId()) == 1);
        String stateBefore = state(run);

        probe.publish(event);
        awaitLaterEventStored(type);

        assertStoredAndToldOnce(event, subscription);
        assertThat(state(run)).as("the run's state").isEqualTo(stateBefore);
    }

    /** Operators hear of every event of the run but progress and the window's periodic checks, once each. */
    private static String subscribeOperatorsTo(BlogRun run) {
        String name = "operators-" + run.migrationId;
        given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "audience", "operators", "channel", "log", "migrationId", run.migrationId,
                        "minSeverity", "info"))
                .post("/subscriptions").then().statusCode(201);
        return name;
    }

    private void awaitLaterEventStored(EventType type) {
        EventEnvelope later = probe.publish(BlogRun.startingAt(Instant.now()).of(type));
        StoredNotifications stored = new StoredNotifications(ledger);
        await().atMost(TIMEOUT).until(() -> stored.runEvents(later.eventId()) == 1);
    }

    private void assertStoredAndToldOnce(EventEnvelope event, String subscription) {
        StoredNotifications stored = new StoredNotifications(ledger);
        assertThat(stored.runEvents(event.eventId())).as("timeline rows").isEqualTo(1);
        assertThat(stored.deliveries(subscription, event)).as("deliveries to " + subscription)
                .isEqualTo(event.type() == EventType.PROGRESS || event.type() == EventType.STABILIZATION_CHECKED ? 0 : 1);
    }

    private static String state(BlogRun run) {
        return given().get("/migrations/{id}", run.migrationId).then().statusCode(200).extract().asString();
    }
}
