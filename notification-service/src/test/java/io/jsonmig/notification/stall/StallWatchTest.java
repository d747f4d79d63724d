package io.jsonmig.notification.stall;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.BackupCompleted;
import io.jsonmig.events.payload.MaintenanceWindow;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@TestProfile(StallWatchTest.ShortStallTimeout.class)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class StallWatchTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(3);

    @RegisterExtension
    static final EventProbe probe = EventProbe.onTestBroker();

    public static class ShortStallTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("jsonmig.notification.stall.enabled", "true",
                    "jsonmig.notification.stall.timeout", STALL_TIMEOUT.toSeconds() + "s",
                    "jsonmig.notification.stall.poll", "500ms");
        }
    }

    @Test
    void aRunWithNoEventForTheStallTimeoutIsRolledBackOnceAndARunWaitingForItsWindowIsNot() {
        RunSpec spec = new RunSpec("/srv/blog/data", "/srv/blog/schema", null, "test", "ops@example.com");
        String waiting = MigrationIds.newId(Clock.systemUTC());
        probe.publish(EventEnvelope.of(waiting, 1, "cli", "", new MigrationRequested(spec.withMaintenanceWindow(
                new MaintenanceWindow(Instant.now().plusSeconds(3600), Duration.ofMinutes(30)))), Instant.now()));
        String quiet = MigrationIds.newId(Clock.systemUTC());
        probe.publish(EventEnvelope.of(quiet, 1, "cli", "", new MigrationRequested(spec), Instant.now()));
        Instant lastSignOfLife = Instant.now();
        probe.publish(EventEnvelope.of(quiet, 1, "backup-service", "", new BackupCompleted(spec,
                new SnapshotSummary(quiet + "-a1", "/var/lib/jsonmig/snapshots/" + quiet + "-a1", "db-json", 1, 10,
                        Map.of("users", 1L), "0".repeat(64), null, null)), lastSignOfLife));

        EventEnvelope rollback = probe.await(quiet, EventType.ROLLBACK_REQUESTED, TIMEOUT);
        RollbackRequested request = rollback.payloadAs(RollbackRequested.class);
        assertThat(rollback.producer()).isEqualTo("notification-service");
        assertThat(rollback.attempt()).isEqualTo(1);
        assertThat(rollback.occurredAt()).isAfterOrEqualTo(lastSignOfLife.plus(STALL_TIMEOUT));
        assertThat(request.trigger()).isEqualTo(RollbackTrigger.STALLED);
        assertThat(request.failedPhase()).isEqualTo(Phase.MIGRATION);
        assertThat(request.reason()).startsWith("no event from the migration phase since")
                .contains("stall timeout PT3S");
        assertThat(request.spec()).isEqualTo(spec);

        // Several more polls: the run is rolling back now, and the waiting run's window is an hour away.
        Instant settled = Instant.now().plusSeconds(2);
        await().atMost(TIMEOUT).until(() -> Instant.now().isAfter(settled));
        assertThat(probe.eventsOf(quiet)).filteredOn(e -> e.type() == EventType.ROLLBACK_REQUESTED)
                .extracting(EventEnvelope::eventId).containsOnly(rollback.eventId());
        assertThat(probe.eventsOf(waiting)).extracting(EventEnvelope::type)
                .doesNotContain(EventType.ROLLBACK_REQUESTED);
    }
}
