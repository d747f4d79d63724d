package io.jsonmig.migration;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.Topics;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.jsonmig.testing.TestFiles;
import io.jsonmig.testing.poison.DeadLetters;
import io.jsonmig.testing.poison.PoisonRecord;
import io.jsonmig.testing.poison.PoisonRecords;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

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

/** A record on a topic migration-service reads that is not a valid event of it: a dead letter, and the next event is handled. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TargetProfilesResource.class)
class DeadLettersTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @RegisterExtension
    static final EventProbe probe = EventProbe.onTestBroker();

    @RegisterExtension
    static final DeadLetters deadLetters = DeadLetters.onTestBroker();

    private static Path workDir;
    private static MigrationEvents events;

    @BeforeAll
    static void createWorkDir() throws IOException {
        workDir = Files.createTempDirectory("jsonmig-migration-dead-letters-").toRealPath();
        events = new MigrationEvents(workDir);
    }

    @AfterAll
    static void deleteWorkDir() {
        TestFiles.deleteTree(workDir);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Topics.BACKUP_COMPLETED, Topics.ROLLBACK_REQUESTED, Topics.VERIFICATION_PASSED})
    void everyPoisonRecordIsADeadLetterAndTheNextEventIsHandled(String topic) throws IOException {
        EventEnvelope backup = events.backupCompleted(MigrationEvents.UNKNOWN_PROFILE);
        EventEnvelope next = switch (topic) {
            case Topics.BACKUP_COMPLETED -> backup;
            case Topics.ROLLBACK_REQUESTED -> MigrationEvents.rollbackRequested(backup);
            default -> MigrationEvents.dryRunVerified(backup);
        };
        List<PoisonRecord> poisons = PoisonRecords.like(next);
        poisons.forEach(probe::publish);

        probe.publish(next);

        if (next.type() == EventType.BACKUP_COMPLETED) {
            probe.await(next.migrationId(), EventType.PHASE_FAILED, TIMEOUT);
        } else if (next.type() == EventType.VERIFICATION_PASSED) {
            probe.await(next.migrationId(), EventType.DRY_RUN_COMPLETED, TIMEOUT);
        } else {
            probe.awaitMatching(next.migrationId(), MigrationEvents.TARGET_COMPENSATED, "the target's rollback step",
                    TIMEOUT);
        }
        poisons.forEach(poison -> deadLetters.assertDeadLettered(poison, TIMEOUT));
    }
}
