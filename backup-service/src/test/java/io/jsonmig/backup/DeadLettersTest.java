package io.jsonmig.backup;

import io.jsonmig.backup.retention.RunActivities;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.Topics;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.jsonmig.testing.TestFiles;
import io.jsonmig.testing.poison.DeadLetters;
import io.jsonmig.testing.poison.PoisonRecord;
import io.jsonmig.testing.poison.PoisonRecords;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** A record on a topic backup-service reads that is not a valid event of it: a dead letter, and the next event is handled. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class DeadLettersTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final EventProbe probe = EventProbe.onTestBroker();

    @RegisterExtension
    static final DeadLetters deadLetters = DeadLetters.onTestBroker();

    private static Path workDir;

    @Inject
    RunActivities runs;

    @BeforeAll
    static void createWorkDir() throws IOException {
        workDir = Files.createTempDirectory("jsonmig-backup-dead-letters-");
    }

    @AfterAll
    static void deleteWorkDir() {
        TestFiles.deleteTree(workDir);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Topics.MIGRATION_REQUESTED, Topics.ROLLBACK_STEP_COMPLETED, Topics.CUTOVER_READY,
            Topics.DATASOURCE_REVERTED, Topics.DRIFT_CHECK_REQUESTED})
    void everyPoisonRecordIsADeadLetterAndTheNextEventIsHandled(String topic) throws IOException {
        EventEnvelope next = validEventOn(topic);
        List<PoisonRecord> poisons = PoisonRecords.like(next);
        poisons.forEach(probe::publish);

        probe.publish(next);

        awaitEffectOf(next);
        poisons.forEach(poison -> deadLetters.assertDeadLettered(poison, TIMEOUT));
    }

    private EventEnvelope validEventOn(String topic) throws IOException {
        BackupEvents events = new BackupEvents(workDir);
        return switch (topic) {
            case Topics.MIGRATION_REQUESTED -> events.request("after-poison");
            case Topics.ROLLBACK_STEP_COMPLETED -> BackupEvents.targetCompensated(events.request("rollback-after-poison"));
            case Topics.CUTOVER_READY -> BackupEvents.cutoverReady(BackupEvents.newRun());
            case Topics.DATASOURCE_REVERTED -> BackupEvents.datasourceReverted(BackupEvents.newRun());
            case Topics.DRIFT_CHECK_REQUESTED -> BackupEvents.driftCheckRequested(BackupEvents.newRun());
            default -> throw new IllegalArgumentException(topic);
        };
    }

    private void awaitEffectOf(EventEnvelope event) {
        String id = event.migrationId();
        switch (event.type()) {
            case MIGRATION_REQUESTED -> probe.await(id, EventType.BACKUP_COMPLETED, TIMEOUT);
            case ROLLBACK_STEP_COMPLETED -> probe.awaitMatching(id, e -> e.payload() instanceof RollbackStepCompleted s
                    && s.compensator().equals("backup-service"), "backup-service rollback step", TIMEOUT);
            case CUTOVER_READY, DATASOURCE_REVERTED -> await().atMost(TIMEOUT).until(() -> runs.isFinished(id));
            case DRIFT_CHECK_REQUESTED -> probe.await(id, EventType.DRIFT_CHECKED, TIMEOUT);
            default -> throw new IllegalArgumentException(event.type().wireName());
        }
    }
}
