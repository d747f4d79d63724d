package io.jsonmig.backup;

import io.jsonmig.backup.retention.RunActivities;
import io.jsonmig.backup.snapshot.Snapshot;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.jsonmig.testing.TestFiles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The very same record delivered twice, back to back or after its run has finished, has one effect.
 * Each topic has one partition, handled in order: once a later event of the topic shows its effect,
 * both deliveries have been handled.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class RedeliveryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final EventProbe probe = EventProbe.onTestBroker();

    private static Path workDir;
    private static BackupEvents events;

    @Inject
    RunActivities runs;

    @BeforeAll
    static void createWorkDir() throws IOException {
        workDir = Files.createTempDirectory("jsonmig-backup-redelivery-");
        events = new BackupEvents(workDir);
    }

    @AfterAll
    static void deleteWorkDir() {
        TestFiles.deleteTree(workDir);
    }

    /** An event type backup-service consumes, and what handling it once publishes. */
    enum Consumed {
        MIGRATION_REQUESTED(e -> e.type() == EventType.BACKUP_COMPLETED),
        ROLLBACK_STEP_COMPLETED(e -> e.payload() instanceof RollbackStepCompleted s
                && s.compensator().equals("backup-service"), e -> e.type() == EventType.DATASOURCE_REVERTED),
        DRIFT_CHECK_REQUESTED(e -> e.type() == EventType.DRIFT_CHECKED);

        private final List<Predicate<EventEnvelope>> effects;

        @SafeVarargs
        Consumed(Predicate<EventEnvelope>... effects) {
            this.effects = List.of(effects);
        }

        EventEnvelope newEvent() throws IOException {
            return switch (this) {
                case MIGRATION_REQUESTED -> events.request("run-" + UUID.randomUUID());
                case ROLLBACK_STEP_COMPLETED -> BackupEvents.targetCompensated(events.request("run-" + UUID.randomUUID()));
                case DRIFT_CHECK_REQUESTED -> BackupEvents.driftCheckRequested(BackupEvents.newRun());
            };
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Consumed.class)
    void aRecordDeliveredTwiceInARowHasOneEffect(Consumed consumed) throws IOException {
        EventEnvelope event = consumed.newEvent();
        probe.publish(event);
        probe.publish(event);

        awaitBothDeliveriesHandled(consumed);
        awaitEffects(consumed, event); // a job may finish after the later event's

        assertOneEffect(consumed, event);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Consumed.class)
    void aRecordDeliveredAgainAfterItsRunFinishedHasNoFurtherEffect(Consumed consumed) throws IOException {
        EventEnvelope event = consumed.newEvent();
        probe.publish(event);
        awaitEffects(consumed, event);
        probe.publish(BackupEvents.cutoverReady(event.migrationId()));
        await().atMost(TIMEOUT).until(() -> runs.isFinished(event.migrationId()));

        probe.publish(event);
        awaitBothDeliveriesHandled(consumed);

        assertOneEffect(consumed, event);
    }

    private static void awaitBothDeliveriesHandled(Consumed consumed) throws IOException {
        EventEnvelope later = probe.publish(consumed.newEvent());
        awaitEffects(consumed, later);
    }

    private static void awaitEffects(Consumed consumed, EventEnvelope event) {
        consumed.effects.forEach(effect -> probe.awaitMatching(event.migrationId(), effect,
                "the effect of " + event.type().wireName(), TIMEOUT));
    }

    private static void assertOneEffect(Consumed consumed, EventEnvelope event) {
        List<EventEnvelope> published = probe.eventsOf(event.migrationId());
        consumed.effects.forEach(effect -> assertThat(published).filteredOn(effect).hasSize(1));
        if (consumed == Consumed.MIGRATION_REQUESTED) {
            assertThat(QuarkusTransaction.requiringNew().call(() -> Snapshot.count("migrationId", event.migrationId())))
                    .as("snapshots of the run").isEqualTo(1);
        }
    }
}
