package io.jsonmig.backup;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.BackupCompleted;
import io.jsonmig.events.payload.CollectionCheck;
import io.jsonmig.events.payload.CutoverReady;
import io.jsonmig.events.payload.DatasourceReverted;
import io.jsonmig.events.payload.DriftChecked;
import io.jsonmig.events.payload.FileDrift;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.PhaseFailed;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.VerificationPassed;
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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The cut-over guard: after verification.passed, backup-service announces the cut-over only when the
 * live JSON files still match the run's snapshot. On real files, a real broker and a real ledger.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class CutoverGuardTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Map<String, String> COLLECTIONS = Map.of(
            "users.json", "[{\"id\":1,\"name\":\"Ada\"},{\"id\":2,\"name\":\"Grace\"}]\n",
            "posts.json", "[{\"id\":10,\"userId\":1,\"title\":\"Engines\"}]\n",
            "tags.json", "[{\"id\":7,\"label\":\"history\"}]\n");

    private static EventProbe probe;
    private static Path workDir;

    @BeforeAll
    static void connect() throws IOException {
        probe = new EventProbe(KafkaBrokerResource.bootstrapServers());
        workDir = Files.createTempDirectory("jsonmig-cutover-test-");
    }

    @AfterAll
    static void disconnect() {
        probe.close();
        TestFiles.deleteTree(workDir);
    }

    @Test
    void cleanFilesAreCheckedThenTheCutoverIsAnnouncedOnce() throws IOException {
        Path source = source("clean");
        EventEnvelope backedUp = backUp(source);
        EventEnvelope passed = verificationPassed(backedUp);
        probe.publish(passed);
        probe.publish(passed);

        EventEnvelope driftEvent = probe.await(passed.migrationId(), EventType.DRIFT_CHECKED, TIMEOUT);
        DriftChecked drift = driftEvent.payloadAs(DriftChecked.class);
        assertThat(drift.clean()).isTrue();
        assertThat(drift.snapshotId()).isEqualTo(backedUp.payloadAs(BackupCompleted.class).snapshot().snapshotId());
        assertThat(driftEvent.producer()).isEqualTo("backup-service");
        EventEnvelope cutoverEvent = probe.await(passed.migrationId(), EventType.CUTOVER_READY, TIMEOUT);
        CutoverReady cutover = cutoverEvent.payloadAs(CutoverReady.class);
        assertThat(cutoverEvent.producer()).isEqualTo("backup-service");
        assertThat(cutoverEvent.occurredAt()).isAfterOrEqualTo(driftEvent.occurredAt());
        assertThat(cutover.targetProfile()).isEqualTo("test");
        assertThat(cutover.tables()).containsExactly("users", "posts", "post_tags");
        assertThat(cutover.instruction()).isEqualTo("switch the application's data source from the JSON files in "
                + source + " to PostgreSQL target profile 'test' (tables users, posts, post_tags)");

        // another run's verification on the same topic: once it is answered, both deliveries above were handled
        EventEnvelope marker = verificationPassed(backUp(source("marker-clean")));
        probe.publish(marker);
        probe.await(marker.migrationId(), EventType.CUTOVER_READY, TIMEOUT);
        assertThat(probe.eventsOf(passed.migrationId())).filteredOn(e -> e.type() == EventType.CUTOVER_READY).hasSize(1);
        assertThat(probe.eventsOf(passed.migrationId())).filteredOn(e -> e.type() == EventType.DRIFT_CHECKED).hasSize(1);
    }

    @Test
    void withoutTablesNamedTheChecksTablesAreSwitched() throws IOException {
        EventEnvelope backedUp = backUp(source("checks-tables"));
        BackupCompleted backup = backedUp.payloadAs(BackupCompleted.class);
        EventEnvelope passed = EventEnvelope.of(backedUp.migrationId(), 1, "verification-service", "",
                new VerificationPassed(backup.spec(), checks(), "http://127.0.0.1:8083/verifications/x"), Instant.now());

        probe.publish(passed);

        assertThat(probe.await(passed.migrationId(), EventType.CUTOVER_READY, TIMEOUT).payloadAs(CutoverReady.class)
                .tables()).containsExactly("users", "posts");
    }

    @Test
    void aFileTheApplicationChangedAfterTheBackupStopsTheCutoverAndTheRollbackKeepsIt() throws IOException {
        Path source = source("drifted");
        EventEnvelope backedUp = backUp(source);
        String snapshotId = backedUp.payloadAs(BackupCompleted.class).snapshot().snapshotId();
        String written = COLLECTIONS.get("users.json").replace("Grace", "Grace Hopper");
        Files.writeString(source.resolve("users.json"), written);
        Files.delete(source.resolve("tags.json"));
        EventEnvelope passed = probe.publish(verificationPassed(backedUp));
        String id = passed.migrationId();

        DriftChecked drift = probe.await(id, EventType.DRIFT_CHECKED, TIMEOUT).payloadAs(DriftChecked.class);
        assertThat(drift.clean()).isFalse();
        assertThat(drift.files()).extracting(FileDrift::path, FileDrift::change).containsExactlyInAnyOrder(
                tuple("users.json", FileDrift.CHANGED), tuple("tags.json", FileDrift.MISSING));
        PhaseFailed failed = probe.await(id, EventType.PHASE_FAILED, TIMEOUT).payloadAs(PhaseFailed.class);
        assertThat(failed.phase()).isEqualTo(Phase.CUTOVER);
        assertThat(failed.reason()).startsWith("cut-over refused: 2 JSON file(s) in " + source
                        + " changed after snapshot " + snapshotId)
                .contains("users.json changed").contains("tags.json missing");
        assertThat(failed.problems()).hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith("users.json: changed since the backup")
                        .contains(written.length() + " bytes"))
                .anySatisfy(p -> assertThat(p).startsWith("tags.json: missing now"));
        RollbackRequested rollback = probe.await(id, EventType.ROLLBACK_REQUESTED, TIMEOUT)
                .payloadAs(RollbackRequested.class);
        assertThat(rollback.trigger()).isEqualTo(RollbackTrigger.SOURCE_DRIFT);
        assertThat(rollback.failedPhase()).isEqualTo(Phase.CUTOVER);
        assertThat(rollback.reason()).isEqualTo(failed.reason());

        // migration-service has removed what the run created; backup-service confirms the JSON files
        EventEnvelope targetCompensated = EventEnvelope.of(id, 1, "migration-service", "migration-service|rollback",
                new RollbackStepCompleted(RollbackStepCompleted.TARGET_COMPENSATOR, Phase.MIGRATION,
                        List.of("dropped table users"), true, rollback.spec()), Instant.now());
        probe.publish(targetCompensated);
        probe.publish(targetCompensated);

        RollbackStepCompleted step = probe.awaitMatching(id, e -> e.payload() instanceof RollbackStepCompleted s
                        && s.compensator().equals(RollbackStepCompleted.SOURCE_COMPENSATOR), "backup-service's step",
                TIMEOUT).payloadAs(RollbackStepCompleted.class);
        assertThat(step.succeeded()).isTrue();
        assertThat(step.actions()).singleElement().asString()
                .contains("changed after snapshot " + snapshotId)
                .contains("users.json changed").contains("tags.json missing")
                .contains("not overwritten from the backup");
        DatasourceReverted reverted = probe.await(id, EventType.DATASOURCE_REVERTED, TIMEOUT)
                .payloadAs(DatasourceReverted.class);
        assertThat(reverted.reason()).contains("kept as the application wrote them");
        assertThat(Files.readString(source.resolve("users.json"))).isEqualTo(written);
        assertThat(source.resolve("tags.json")).as("what the application deleted stays deleted").doesNotExist();
        assertThat(conflictCopies(source)).isEmpty();

        // another run's rollback on the same topic: once it is reverted, both deliveries above were handled
        EventEnvelope marker = probe.publish(EventEnvelope.of(MigrationIds.newId(Clock.systemUTC()), 1,
                "migration-service", "migration-service|rollback", new RollbackStepCompleted(
                        RollbackStepCompleted.TARGET_COMPENSATOR, Phase.MIGRATION, List.of(), true, rollback.spec()),
                Instant.now()));
        probe.await(marker.migrationId(), EventType.DATASOURCE_REVERTED, TIMEOUT);
        assertThat(probe.eventsOf(id)).filteredOn(e -> e.type() == EventType.DATASOURCE_REVERTED).hasSize(1);
        assertThat(probe.eventsOf(id)).noneMatch(e -> e.type() == EventType.CUTOVER_READY);
    }

    @Test
    void aVerifiedRunWithoutSnapshotIsNotCutOver() throws IOException {
        Path source = source("no-snapshot");
        RunSpec spec = new RunSpec(source.toString(), "/unused/schema", null, "test", "cutover-test");
        EventEnvelope passed = probe.publish(EventEnvelope.of(MigrationIds.newId(Clock.systemUTC()), 1,
                "verification-service", "", new VerificationPassed(spec, checks(), null, List.of("users")),
                Instant.now()));

        PhaseFailed failed = probe.await(passed.migrationId(), EventType.PHASE_FAILED, TIMEOUT)
                .payloadAs(PhaseFailed.class);
        assertThat(failed.phase()).isEqualTo(Phase.CUTOVER);
        assertThat(failed.reason()).isEqualTo("cut-over refused: the run has no stored snapshot to compare the live "
                + "JSON files in " + source + " with");
        assertThat(probe.await(passed.migrationId(), EventType.ROLLBACK_REQUESTED, TIMEOUT)
                .payloadAs(RollbackRequested.class).trigger()).isEqualTo(RollbackTrigger.PHASE_FAILED);
        assertThat(probe.await(passed.migrationId(), EventType.DRIFT_CHECKED, TIMEOUT).payloadAs(DriftChecked.class)
                .clean()).isFalse();
        assertThat(probe.eventsOf(passed.migrationId())).noneMatch(e -> e.type() == EventType.CUTOVER_READY);
    }

    private static List<CollectionCheck> checks() {
        return List.of(new CollectionCheck("users", "users", 2, 2, true),
                new CollectionCheck("posts", "posts", 1, 1, true));
    }

    private static EventEnvelope verificationPassed(EventEnvelope backedUp) {
        BackupCompleted backup = backedUp.payloadAs(BackupCompleted.class);
        return EventEnvelope.of(backedUp.migrationId(), backedUp.attempt(), "verification-service", "",
                new VerificationPassed(backup.spec(), checks(), "http://127.0.0.1:8083/verifications/"
                        + backedUp.migrationId(), List.of("users", "posts", "post_tags")), Instant.now());
    }

    private static EventEnvelope backUp(Path source) {
        RunSpec spec = new RunSpec(source.toString(), "/unused/schema", null, "test", "cutover-test");
        EventEnvelope request = probe.publish(EventEnvelope.of(MigrationIds.newId(Clock.systemUTC()), 1, "test", "",
                new MigrationRequested(spec), Instant.now()));
        return probe.await(request.migrationId(), EventType.BACKUP_COMPLETED, TIMEOUT);
    }

    private static Path source(String name) throws IOException {
        Path dir = Files.createDirectories(workDir.resolve(name));
        for (Map.Entry<String, String> file : COLLECTIONS.entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue());
        }
        return dir.toRealPath();
    }

    private static List<Path> conflictCopies(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().contains(".jsonmig-conflict-")).toList();
        }
    }
}
