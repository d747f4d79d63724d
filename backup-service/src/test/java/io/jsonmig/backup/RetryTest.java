package io.jsonmig.backup;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.BackupCompleted;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.PhaseFailed;
import io.jsonmig.events.payload.RetryRequested;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.jsonmig.testing.TestFiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A retry of a rolled-back run, on real files, a real broker and a real ledger. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class RetryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Map<String, String> COLLECTIONS = Map.of(
            "users.json", "[{\"id\":1,\"name\":\"Ada\"},{\"id\":2,\"name\":\"Grace\"}]\n",
            "posts.json", "[{\"id\":10,\"userId\":1,\"title\":\"Engines\"}]\n");

    private static EventProbe probe;
    private static Path workDir;

    @BeforeAll
    static void connect() throws IOException {
        probe = new EventProbe(KafkaBrokerResource.bootstrapServers());
        workDir = Files.createTempDirectory("jsonmig-retry-test-");
    }

    @AfterAll
    static void disconnect() {
        probe.close();
        TestFiles.deleteTree(workDir);
    }

    @Test
    void aRetryOfARolledBackRunReusesItsSnapshotVerifiedAgainAsTheNextAttempt() throws IOException {
        RolledBackRun run = rolledBackRun("reuse");
        EventEnvelope retry = retry(run, 2, Phase.VERIFICATION);
        probe.publish(retry);
        probe.publish(retry);

        EventEnvelope completed = awaitOfAttempt(run.id(), EventType.BACKUP_COMPLETED, 2);
        SnapshotSummary reused = completed.payloadAs(BackupCompleted.class).snapshot();
        assertThat(reused).isEqualTo(run.snapshot());
        assertThat(reused.snapshotId()).isEqualTo(run.id() + "-a1");
        assertThat(completed.eventId()).isNotEqualTo(run.backupCompleted().eventId());
        assertThat(completed.payloadAs(BackupCompleted.class).spec()).isEqualTo(run.spec());
        assertThat(Path.of(run.snapshot().location()).resolveSibling(run.id() + "-a2"))
                .as("no second snapshot is taken").doesNotExist();

        // a later retry on the same topic is answered only after both deliveries above were handled
        awaitRefusal(probe.publish(retryOfUnknownRun()));
        assertThat(probe.eventsOf(run.id())).filteredOn(e -> e.type() == EventType.BACKUP_COMPLETED)
                .extracting(EventEnvelope::attempt).containsExactly(1, 2);
        assertThat(probe.eventsOf(run.id())).noneMatch(e -> e.type() == EventType.PHASE_FAILED);
    }

    @Test
    void aRetryAfterAFailedBackupTakesANewSnapshotForTheNewAttempt() throws IOException {
        RolledBackRun run = rolledBackRun("after-backup-failure");

        probe.publish(retry(run, 2, Phase.BACKUP));

        SnapshotSummary snapshot = awaitOfAttempt(run.id(), EventType.BACKUP_COMPLETED, 2)
                .payloadAs(BackupCompleted.class).snapshot();
        assertThat(snapshot.snapshotId()).isEqualTo(run.id() + "-a2");
        assertThat(Path.of(snapshot.location())).isDirectory();
        assertThat(snapshot.recordsPerCollection()).isEqualTo(run.snapshot().recordsPerCollection());
    }

    @Test
    void aRetryAfterTheApplicationWroteToItsFilesBacksThemUpAnew() throws IOException {
        RolledBackRun run = rolledBackRun("written-since");
        Files.writeString(run.source().resolve("posts.json"),
                "[{\"id\":10,\"userId\":1,\"title\":\"Engines\"},{\"id\":11,\"userId\":2,\"title\":\"Compilers\"}]\n");

        probe.publish(retry(run, 2, Phase.VERIFICATION));

        SnapshotSummary snapshot = awaitOfAttempt(run.id(), EventType.BACKUP_COMPLETED, 2)
                .payloadAs(BackupCompleted.class).snapshot();
        assertThat(snapshot.snapshotId()).isEqualTo(run.id() + "-a2");
        assertThat(snapshot.recordsPerCollection()).containsEntry("posts", 2L).containsEntry("users", 2L);
    }

    @Test
    void aRetryWhoseSnapshotNoLongerVerifiesFailsTheBackupAndIsRolledBack() throws IOException {
        RolledBackRun run = rolledBackRun("tampered");
        Path stored = Path.of(run.snapshot().location()).resolve("files").resolve("users.json");
        Files.writeString(stored, COLLECTIONS.get("users.json").replace("Grace", "Grac3"));

        probe.publish(retry(run, 2, Phase.MIGRATION));

        PhaseFailed failed = awaitOfAttempt(run.id(), EventType.PHASE_FAILED, 2).payloadAs(PhaseFailed.class);
        assertThat(failed.phase()).isEqualTo(Phase.BACKUP);
        assertThat(failed.reason()).contains("snapshot " + run.id() + "-a1 no longer verifies")
                .contains(stored.toString());
        assertThat(failed.problems()).hasSize(1).allSatisfy(p -> assertThat(p).contains(stored.toString()));
        RollbackRequested rollback = awaitOfAttempt(run.id(), EventType.ROLLBACK_REQUESTED, 2)
                .payloadAs(RollbackRequested.class);
        assertThat(rollback.trigger()).isEqualTo(RollbackTrigger.PHASE_FAILED);
        assertThat(rollback.failedPhase()).isEqualTo(Phase.BACKUP);
        assertThat(probe.eventsOf(run.id())).noneMatch(e -> e.type() == EventType.BACKUP_COMPLETED && e.attempt() == 2);
    }

    @Test
    void aRetryOfARunThatIsNotRolledBackIsRefusedWithoutARollback() throws IOException {
        Path source = source("still-running");
        EventEnvelope request = probe.publish(requestEvent(source));
        BackupCompleted backup = probe.await(request.migrationId(), EventType.BACKUP_COMPLETED, TIMEOUT)
                .payloadAs(BackupCompleted.class);

        EventEnvelope retry = probe.publish(EventEnvelope.of(request.migrationId(), 2, "jsonmig-cli", "",
                new RetryRequested(backup.spec(), Phase.VERIFICATION, "retry-test", null), Instant.now()));

        PhaseFailed refused = awaitOfAttempt(retry.migrationId(), EventType.PHASE_FAILED, 2).payloadAs(PhaseFailed.class);
        assertThat(refused.phase()).isEqualTo(Phase.BACKUP);
        assertThat(refused.reason()).isEqualTo("retry refused: run " + request.migrationId()
                + " attempt 1 is not rolled back: the last phase backup-service ran is BACKUP of attempt 1, succeeded");
        awaitRefusal(probe.publish(retryOfUnknownRun()));
        assertThat(probe.eventsOf(request.migrationId())).as("a refused retry must not disturb the run")
                .noneMatch(e -> e.type() == EventType.ROLLBACK_REQUESTED)
                .noneMatch(e -> e.type() == EventType.BACKUP_COMPLETED && e.attempt() == 2);
    }

    @Test
    void aRetryOfARunWhoseTargetCouldNotBeCleanedIsRefused() throws IOException {
        RolledBackRun run = rolledBackRun("target-not-cleaned", false);

        PhaseFailed refused = awaitRefusal(probe.publish(retry(run, 2, Phase.MIGRATION)));

        assertThat(refused.reason()).isEqualTo("retry refused: run " + run.id() + " attempt 1 is not rolled back: "
                + "the last phase backup-service ran is ROLLBACK of attempt 1, failed");
        assertThat(probe.eventsOf(run.id())).noneMatch(e -> e.type() == EventType.BACKUP_COMPLETED && e.attempt() == 2);
    }

    @Test
    void aRetryOfAnUnknownRunIsRefused() {
        PhaseFailed refused = awaitRefusal(probe.publish(retryOfUnknownRun()));

        assertThat(refused.reason()).startsWith("retry refused: run ").endsWith(" is unknown to backup-service");
    }

    // ---- a run and its retry ----

    private record RolledBackRun(String id, Path source, RunSpec spec, EventEnvelope backupCompleted,
                                 SnapshotSummary snapshot) {
    }

    /** A run backed up, then rolled back: the target cleaned and the JSON files confirmed. */
    private static RolledBackRun rolledBackRun(String name) throws IOException {
        return rolledBackRun(name, true);
    }

    /** @param targetCleaned whether migration-service could remove what the run created */
    private static RolledBackRun rolledBackRun(String name, boolean targetCleaned) throws IOException {
        Path source = source(name);
        EventEnvelope request = probe.publish(requestEvent(source));
        EventEnvelope completed = probe.await(request.migrationId(), EventType.BACKUP_COMPLETED, TIMEOUT);
        RunSpec spec = request.payloadAs(MigrationRequested.class).spec();
        probe.publish(EventEnvelope.of(request.migrationId(), 1, "migration-service", "migration-service|rollback",
                new RollbackStepCompleted(RollbackStepCompleted.TARGET_COMPENSATOR, Phase.MIGRATION,
                        List.of("dropped table users"), targetCleaned, spec), Instant.now()));
        probe.await(request.migrationId(), EventType.DATASOURCE_REVERTED, TIMEOUT);
        return new RolledBackRun(request.migrationId(), source, spec, completed,
                completed.payloadAs(BackupCompleted.class).snapshot());
    }

    private static EventEnvelope retry(RolledBackRun run, int attempt, Phase failedPhase) {
        return EventEnvelope.of(run.id(), attempt, "jsonmig-cli", "",
                new RetryRequested(run.spec(), failedPhase, "retry-test", "fixed the mapping"), Instant.now());
    }

    private static EventEnvelope retryOfUnknownRun() {
        RunSpec spec = new RunSpec(workDir.resolve("unknown").toString(), "/unused/schema", null, "test", "retry-test");
        return EventEnvelope.of(MigrationIds.newId(Clock.systemUTC()), 2, "jsonmig-cli", "",
                new RetryRequested(spec, Phase.MIGRATION, "retry-test", null), Instant.now());
    }

    private static PhaseFailed awaitRefusal(EventEnvelope retry) {
        PhaseFailed refused = awaitOfAttempt(retry.migrationId(), EventType.PHASE_FAILED, retry.attempt())
                .payloadAs(PhaseFailed.class);
        assertThat(refused.reason()).startsWith("retry refused: ");
        return refused;
    }

    private static EventEnvelope awaitOfAttempt(String migrationId, EventType type, int attempt) {
        return probe.awaitMatching(migrationId, e -> e.type() == type && e.attempt() == attempt,
                "a " + type.wireName() + " event of attempt " + attempt, TIMEOUT);
    }

    private static EventEnvelope requestEvent(Path source) {
        RunSpec spec = new RunSpec(source.toString(), "/unused/schema", null, "test", "retry-test");
        return EventEnvelope.of(MigrationIds.newId(Clock.systemUTC()), 1, "test", "", new MigrationRequested(spec),
                Instant.now());
    }

    private static Path source(String name) throws IOException {
        Path dir = Files.createDirectories(workDir.resolve(name));
        for (Map.Entry<String, String> file : COLLECTIONS.entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue());
        }
        return dir.toRealPath();
    }
}
