package io.jsonmig.backup;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.BackupCompleted;
import io.jsonmig.events.payload.CollectionCheck;
import io.jsonmig.events.payload.DatasourceReverted;
import io.jsonmig.events.payload.DriftChecked;
import io.jsonmig.events.payload.FileDrift;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.RollbackStepCompleted;
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
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A dry run in backup-service: backed up like any run, but never cut over, and its rollback never writes the
 * live JSON files, which the application, still running on them, may be writing. On real files, a real broker
 * and a real ledger.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class DryRunTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Map<String, String> COLLECTIONS = Map.of(
            "users.json", "[{\"id\":1,\"name\":\"Ada\"},{\"id\":2,\"name\":\"Grace\"}]\n",
            "posts.json", "[{\"id\":10,\"userId\":1,\"title\":\"Engines\"}]\n",
            "tags.json", "[{\"id\":7,\"label\":\"history\"}]\n");
    private static final String WRITTEN_SINCE = "[{\"id\":1,\"name\":\"Ada\"},{\"id\":2,\"name\":\"Grace Hopper\"}]\n";

    private static EventProbe probe;
    private static Path workDir;

    @BeforeAll
    static void connect() throws IOException {
        probe = new EventProbe(KafkaBrokerResource.bootstrapServers());
        workDir = Files.createTempDirectory("jsonmig-dry-run-test-");
    }

    @AfterAll
    static void disconnect() {
        probe.close();
        TestFiles.deleteTree(workDir);
    }

    @Test
    void aDryRunsVerificationIsCheckedForDriftForInformationButNeverCutOverNorRolledBack() throws IOException {
        Path source = source("dry-drifted");
        EventEnvelope backedUp = backUp(source, true);
        Files.writeString(source.resolve("users.json"), WRITTEN_SINCE);

        EventEnvelope passed = probe.publish(verificationPassed(backedUp));

        DriftChecked drift = probe.await(passed.migrationId(), EventType.DRIFT_CHECKED, TIMEOUT)
                .payloadAs(DriftChecked.class);
        assertThat(drift.clean()).as("a real cut-over would have been refused").isFalse();
        assertThat(drift.files()).extracting(FileDrift::path, FileDrift::change)
                .containsExactly(tuple("users.json", FileDrift.CHANGED));
        // a real run's verification on the same topic: once it is cut over, the dry run's was handled too
        EventEnvelope marker = probe.publish(verificationPassed(backUp(source("dry-marker"), false)));
        probe.await(marker.migrationId(), EventType.CUTOVER_READY, TIMEOUT);
        assertThat(probe.eventsOf(passed.migrationId())).extracting(EventEnvelope::type).doesNotContain(
                EventType.CUTOVER_READY, EventType.PHASE_FAILED, EventType.ROLLBACK_REQUESTED);
        assertThat(Files.readString(source.resolve("users.json"))).isEqualTo(WRITTEN_SINCE);
    }

    @Test
    void aDryRunsRollbackComparesTheLiveFilesWithTheBackupAndNeverWritesThem() throws IOException {
        Path source = source("dry-rolled-back");
        EventEnvelope backedUp = backUp(source, true);
        String id = backedUp.migrationId();
        Files.writeString(source.resolve("users.json"), WRITTEN_SINCE);
        Files.delete(source.resolve("tags.json"));
        Map<String, String> live = contents(source);

        // Without a spec, as from a rollback asked for by someone who never saw the run's start: backup-service
        // knows it is a dry run from the request it recorded.
        probe.publish(EventEnvelope.of(id, 1, "migration-service", "migration-service|rollback",
                new RollbackStepCompleted(RollbackStepCompleted.TARGET_COMPENSATOR, Phase.MIGRATION,
                        List.of("dropped schema jsonmig_dry_x"), true, null), Instant.now()));

        RollbackStepCompleted step = probe.awaitMatching(id, e -> e.payload() instanceof RollbackStepCompleted s
                        && s.compensator().equals(RollbackStepCompleted.SOURCE_COMPENSATOR), "backup-service's step",
                TIMEOUT).payloadAs(RollbackStepCompleted.class);
        String snapshotId = backedUp.payloadAs(BackupCompleted.class).snapshot().snapshotId();
        assertThat(step.succeeded()).isTrue();
        assertThat(step.actions()).containsExactlyInAnyOrder(
                "dry run: the live JSON files are never written, not even by a rollback; compared with the backup only",
                "users.json: changed since snapshot " + snapshotId + " (the application's doing): left as it is",
                "tags.json: missing now since snapshot " + snapshotId + " (the application's doing): left as it is");
        DatasourceReverted reverted = probe.await(id, EventType.DATASOURCE_REVERTED, TIMEOUT)
                .payloadAs(DatasourceReverted.class);
        assertThat(reverted.reason()).contains("dry run").contains("never written");
        assertThat(reverted.instruction()).startsWith("nothing to switch back");
        assertThat(contents(source)).as("every live file exactly as the application left it, and no conflict copy")
                .isEqualTo(live);
    }

    private static EventEnvelope verificationPassed(EventEnvelope backedUp) {
        BackupCompleted backup = backedUp.payloadAs(BackupCompleted.class);
        return EventEnvelope.of(backedUp.migrationId(), backedUp.attempt(), "verification-service", "",
                new VerificationPassed(backup.spec(), List.of(new CollectionCheck("users", "users", 2, 2, true)),
                        "http://127.0.0.1:8083/verifications/" + backedUp.migrationId(), List.of("users")),
                Instant.now());
    }

    private static EventEnvelope backUp(Path source, boolean dryRun) {
        RunSpec spec = new RunSpec(source.toString(), "/unused/schema", null, "test", "dry-run-test")
                .withDryRun(dryRun);
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

    /** Every file of the directory by name, with its content. */
    private static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> listed = Files.list(dir)) {
            for (Path file : listed.toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return files;
    }
}
