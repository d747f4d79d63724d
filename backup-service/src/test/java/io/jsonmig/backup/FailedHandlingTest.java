package io.jsonmig.backup;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.Topics;
import io.jsonmig.events.serde.EventJson;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.jsonmig.testing.poison.DeadLetter;
import io.jsonmig.testing.poison.DeadLetters;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A valid event whose handler throws (here: its handling cannot be recorded in the ledger) is not
 * lost: it is a dead letter that still carries the event, and the consumer goes on.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class FailedHandlingTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final EventProbe probe = EventProbe.onTestBroker();

    @RegisterExtension
    static final DeadLetters deadLetters = DeadLetters.onTestBroker();

    @Test
    void aValidEventWhoseHandlingFailsIsADeadLetterCarryingTheEventAndTheNextEventIsHandled() throws Exception {
        EventEnvelope failing = BackupEvents.driftCheckRequested(BackupEvents.newRun());
        EventEnvelope next = BackupEvents.driftCheckRequested(BackupEvents.newRun());
        try (AutoCloseable refusal = ledgerRefusesToRecord(failing.migrationId())) {
            probe.publish(failing);

            DeadLetter dead = deadLetters.awaitFor(Topics.DRIFT_CHECK_REQUESTED, failing.migrationId(), TIMEOUT);

            assertThat(dead.header("ce_id")).contains(failing.eventId());
            assertThat(dead.value()).as("the event, to be replayed").isNotNull();
            assertThat(EventJson.fromRecord(Topics.DRIFT_CHECK_REQUESTED, dead.value())).isEqualTo(failing);
            assertThat(dead.header("dead-letter-exception-class-name")).isPresent();
        }
        probe.publish(next);
        probe.await(next.migrationId(), EventType.DRIFT_CHECKED, TIMEOUT);
    }

    /** Until closed, the ledger refuses to record events of the run as handled, as a broken database would. */
    private static AutoCloseable ledgerRefusesToRecord(String migrationId) throws SQLException {
        try (Connection ledger = ledger(); Statement s = ledger.createStatement()) {
            s.execute("""
                    CREATE FUNCTION backup.refuse_processed_event() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'the ledger refuses %', NEW.migration_id; END $$""");
            s.execute("CREATE TRIGGER refuse_processed_event BEFORE INSERT ON backup.processed_event FOR EACH ROW "
                    + "WHEN (NEW.migration_id = '" + migrationId + "') EXECUTE FUNCTION backup.refuse_processed_event()");
        }
        return () -> {
            try (Connection ledger = ledger(); Statement s = ledger.createStatement()) {
                s.execute("DROP TRIGGER refuse_processed_event ON backup.processed_event");
                s.execute("DROP FUNCTION backup.refuse_processed_event()");
            }
        };
    }

    private static Connection ledger() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }
}
