package io.jsonmig.notification.window;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.payload.CutoverReady;
import io.jsonmig.events.payload.Finalization;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.payload.RunFinalized;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.Stabilization;
import io.jsonmig.events.state.RunStatus;
import io.jsonmig.notification.timeline.Timeline;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@TestProfile(WindowWatchTest.FastPoll.class)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class WindowWatchTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration WINDOW = Duration.ofSeconds(3);

    @RegisterExtension
    static final EventProbe probe = EventProbe.onTestBroker();

    @Inject
    Timeline timeline;

    public static class FastPoll implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("jsonmig.notification.window.poll", "500ms", "jsonmig.notification.stall.enabled", "false");
        }
    }

    private static final RunSpec SPEC = new RunSpec("/srv/blog/data", "/srv/blog/schema", null, "test", "ops@example.com");

    private static String cutOver(Duration window, Instant at) {
        return cutOver(MigrationIds.newId(Clock.systemUTC()), window, at);
    }

    private static String cutOver(String id, Duration window, Instant at) {
        probe.publish(EventEnvelope.of(id, 1, "cli", "", new MigrationRequested(SPEC.withStabilization(
                Stabilization.of(window))), at));
        probe.publish(EventEnvelope.of(id, 1, "backup-service", "", new CutoverReady("test", List.of("users"),
                "switch to PostgreSQL", Stabilization.of(window)), at));
        return id;
    }

    @Test
    void anElapsedWindowIsFinalizedOnceAnOpenOneAndARolledBackOneAreNot() {
        Instant now = Instant.now();
        // The rollback is known before the cut-over it follows, as when the service reads one topic faster than
        // another: folded in the order they happened, the run is rolling back, never in a window that can end.
        // (In that order the test does not depend on how fast the service reads its topics on a busy machine.)
        String rolledBack = MigrationIds.newId(Clock.systemUTC());
        probe.publish(EventEnvelope.of(rolledBack, 1, "cli", "operator-rollback", RollbackRequested.afterCutover(
                RollbackTrigger.PERFORMANCE, "p95 three times the baseline", SPEC), now.plusMillis(100)));
        await().atMost(TIMEOUT).until(() -> timeline.state(rolledBack).isPresent());
        String elapsing = cutOver(WINDOW, now);
        String open = cutOver(Duration.ofHours(72), now);
        cutOver(rolledBack, WINDOW, now);

        EventEnvelope finalized = probe.await(elapsing, EventType.RUN_FINALIZED, TIMEOUT);
        RunFinalized payload = finalized.payloadAs(RunFinalized.class);
        assertThat(payload.finalization()).isEqualTo(Finalization.WINDOW_ELAPSED);
        assertThat(payload.requestedBy()).isEqualTo("notification-service");
        assertThat(finalized.producer()).isEqualTo("notification-service");
        assertThat(finalized.occurredAt()).isAfterOrEqualTo(now.plus(WINDOW));
        assertThat(finalized.eventId()).as("the id an operator's finalize of the attempt gets too")
                .isEqualTo(EventEnvelope.deterministicId(elapsing, EventType.RUN_FINALIZED, 1, ""));
        await().atMost(TIMEOUT).until(() -> timeline.state(elapsing).map(s -> s.status() == RunStatus.COMPLETED)
                .orElse(false));

        // Several more polls: the elapsed one stays finalized once, the others are not finalized at all.
        Instant settled = Instant.now().plusSeconds(2);
        await().atMost(TIMEOUT).until(() -> Instant.now().isAfter(settled));
        assertThat(probe.eventsOf(elapsing)).filteredOn(e -> e.type() == EventType.RUN_FINALIZED)
                .extracting(EventEnvelope::eventId).containsOnly(finalized.eventId());
        assertThat(probe.eventsOf(open)).extracting(EventEnvelope::type).doesNotContain(EventType.RUN_FINALIZED);
        assertThat(probe.eventsOf(rolledBack)).extracting(EventEnvelope::type).doesNotContain(EventType.RUN_FINALIZED);
        assertThat(timeline.state(open).orElseThrow().status()).isEqualTo(RunStatus.STABILIZING);
        assertThat(timeline.state(rolledBack).orElseThrow().status()).isEqualTo(RunStatus.ROLLING_BACK);
    }
}
