package io.jsonmig.notification;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.jsonmig.testing.poison.DeadLetters;
import io.jsonmig.testing.poison.PoisonRecord;
import io.jsonmig.testing.poison.PoisonRecords;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A record on any run topic that is not a valid event of it: a dead letter, and the next event is in the timeline. */
@QuarkusTest
@TestProfile(RunsOfTheirOwn.class)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class DeadLettersTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final EventProbe probe = EventProbe.onTestBroker();

    @RegisterExtension
    static final DeadLetters deadLetters = DeadLetters.onTestBroker();

    @Inject
    DataSource ledger;

    @ParameterizedTest(name = "{0}")
    @EnumSource(EventType.class)
    void everyPoisonRecordOnTheTopicIsADeadLetterAndTheNextEventIsRecorded(EventType type) {
        EventEnvelope next = BlogRun.startingAt(Instant.now()).of(type);
        List<PoisonRecord> poisons = PoisonRecords.like(next);
        poisons.forEach(probe::publish);

        probe.publish(next);

        StoredNotifications stored = new StoredNotifications(ledger);
        await().atMost(TIMEOUT).until(() -> stored.runEvents(next.eventId()) == 1);
        poisons.forEach(poison -> assertThat(deadLetters.assertDeadLettered(poison, TIMEOUT).consumer())
                .as("each consuming service writes its own dead letter, naming itself").isEqualTo("notification-service"));
    }
}
