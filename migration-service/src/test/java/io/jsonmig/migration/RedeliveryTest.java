package io.jsonmig.migration;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.BackupCompleted;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.jsonmig.testing.TestFiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The very same record delivered twice, back to back or after its run moved on, has one effect.
 * Each topic has one partition, handled in order: once a later event of the topic shows its effect,
 * both deliveries have been handled.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TargetProfilesResource.class)
class RedeliveryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @RegisterExtension
    static final EventProbe probe = EventProbe.onTestBroker();

    private static Path workDir;
    private static MigrationEvents events;

    @BeforeAll
    static void createWorkDir() throws IOException {
        workDir = Files.createTempDirectory("jsonmig-migration-redelivery-").toRealPath();
        events = new MigrationEvents(workDir);
    }

    @AfterAll
    static void deleteWorkDir() {
        TestFiles.deleteTree(workDir);
    }

    @Test
    void aBackupCompletedDeliveredTwiceInARowLoadsOnce() throws Exception {
        EventEnvelope backup = events.backupCompleted("redelivered");
        probe.publish(backup);
        probe.publish(backup);

        awaitLaterBackupHandled();
        probe.await(backup.migrationId(), EventType.DATA_MIGRATED, TIMEOUT); // its job may end after the later one

        assertThat(probe.eventsOf(backup.migrationId())).extracting(EventEnvelope::type)
                .containsOnlyOnce(EventType.DATA_MIGRATED).doesNotContain(EventType.PHASE_FAILED);
        assertThat(users("redelivered")).isEqualTo(40);
    }

    @Test
    void aBackupCompletedDeliveredAgainAfterItsRunWasRolledBackLoadsNothing() throws Exception {
        EventEnvelope backup = events.backupCompleted("redeliveredlate");
        probe.publish(backup);
        probe.await(backup.migrationId(), EventType.DATA_MIGRATED, TIMEOUT);
        probe.publish(MigrationEvents.rollbackRequested(backup));
        probe.awaitMatching(backup.migrationId(), MigrationEvents.TARGET_COMPENSATED, "the target's rollback step",
                TIMEOUT);

        probe.publish(backup);
        awaitLaterBackupHandled();

        assertThat(probe.eventsOf(backup.migrationId())).extracting(EventEnvelope::type)
                .containsOnlyOnce(EventType.DATA_MIGRATED).doesNotContain(EventType.PHASE_FAILED);
        assertThat(usersTableExists("redeliveredlate")).as("the rolled-back table stays gone").isFalse();
    }

    @Test
    void aRollbackRequestDeliveredTwiceInARowCompensatesOnce() throws IOException {
        EventEnvelope rollback = MigrationEvents.rollbackRequested(events.backupCompleted(MigrationEvents.UNKNOWN_PROFILE));
        probe.publish(rollback);
        probe.publish(rollback);

        awaitLaterRollbackHandled();
        probe.awaitMatching(rollback.migrationId(), MigrationEvents.TARGET_COMPENSATED, "the target's rollback step",
                TIMEOUT);

        assertThat(probe.eventsOf(rollback.migrationId())).filteredOn(MigrationEvents.TARGET_COMPENSATED).hasSize(1);
    }

    @Test
    void aRollbackRequestDeliveredAgainAfterALaterRollbackOfItsRunCompensatesNoMore() throws IOException {
        EventEnvelope backup = events.backupCompleted(MigrationEvents.UNKNOWN_PROFILE);
        EventEnvelope first = MigrationEvents.rollbackRequested(backup);
        probe.publish(first);
        probe.publish(secondRollback(backup));
        probe.awaitCount(backup.migrationId(), EventType.ROLLBACK_STEP_COMPLETED, 2, TIMEOUT);

        probe.publish(first);
        awaitLaterRollbackHandled();

        assertThat(probe.eventsOf(backup.migrationId())).filteredOn(MigrationEvents.TARGET_COMPENSATED).hasSize(2);
    }

    private static EventEnvelope secondRollback(EventEnvelope backup) {
        return EventEnvelope.of(backup.migrationId(), 1, "cli", "operator-again",
                new RollbackRequested(RollbackTrigger.OPERATOR_ABORT, "operator abort, again", Phase.VERIFICATION,
                        backup.payloadAs(BackupCompleted.class).spec()), Instant.now());
    }

    private static void awaitLaterBackupHandled() throws IOException {
        EventEnvelope later = probe.publish(events.backupCompleted(MigrationEvents.UNKNOWN_PROFILE));
        probe.await(later.migrationId(), EventType.PHASE_FAILED, TIMEOUT);
    }

    private static void awaitLaterRollbackHandled() throws IOException {
        EventEnvelope later = probe.publish(MigrationEvents.rollbackRequested(
                events.backupCompleted(MigrationEvents.UNKNOWN_PROFILE)));
        probe.awaitMatching(later.migrationId(), MigrationEvents.TARGET_COMPENSATED, "the target's rollback step",
                TIMEOUT);
    }

    private static long users(String profile) throws SQLException {
        try (Connection target = TestRuns.target(profile); Statement s = target.createStatement();
             ResultSet rows = s.executeQuery("SELECT count(*) FROM users")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static boolean usersTableExists(String profile) throws SQLException {
        try (Connection target = TestRuns.target(profile); Statement s = target.createStatement();
             ResultSet rows = s.executeQuery("SELECT to_regclass('public.users') IS NOT NULL")) {
            rows.next();
            return rows.getBoolean(1);
        }
    }
}
