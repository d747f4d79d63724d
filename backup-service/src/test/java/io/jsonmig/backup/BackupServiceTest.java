package io.jsonmig.backup;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.BackupCompleted;
import io.jsonmig.events.payload.DatasourceReverted;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.PhaseFailed;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SnapshotStorage;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.support.job.PhaseJob;
import io.jsonmig.support.source.FileHashes;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.TestFiles;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class BackupServiceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Path EXAMPLE = Path.of("../examples/blog/data/db.json");

    private static EventProbe probe;
    private static Path workDir;

    @BeforeAll
    static void connect() throws IOException {
        probe = new EventProbe(KafkaBrokerResource.bootstrapServers());
        workDir = Files.createTempDirectory("jsonmig-backup-test-");
    }

    @AfterAll
    static void disconnect() throws IOException {
        probe.close();
        TestFiles.deleteTree(workDir);
    }

    @Test
    void snapshotsTheSourceWithAVerifiableManifestAndLeavesTheSourceUntouched() throws IOException {
        Path source = exampleSource("happy");
        String sourceHash = FileHashes.sha256(source.resolve("db.json"));

        String id = request(source);
        BackupCompleted completed = probe.await(id, EventType.BACKUP_COMPLETED, TIMEOUT).payloadAs(BackupCompleted.class);

        SnapshotSummary snapshot = completed.snapshot();
        assertThat(snapshot.layout()).isEqualTo("db-json");
        assertThat(snapshot.recordsPerCollection()).containsExactly(
                Map.entry("users", 40L), Map.entry("posts", 120L), Map.entry("comments", 300L));
        Path location = Path.of(snapshot.location());
        Path copy = location.resolve("files").resolve("db.json");
        assertThat(FileHashes.sha256(copy)).isEqualTo(sourceHash);
        // where each collection's array begins, so that a reader of one collection can start there
        byte[] copied = Files.readAllBytes(copy);
        assertThat(snapshot.collectionOffsets()).containsOnlyKeys("users", "posts", "comments")
                .allSatisfy((collection, offset) -> assertThat(copied[offset.intValue()]).isEqualTo((byte) '['));
        assertThat(Files.readString(location.resolve("manifest.json"))).contains("\"collectionOffsets\"");
        assertThat(FileHashes.sha256(location.resolve("manifest.json"))).isEqualTo(snapshot.manifestSha256());
        assertThat(Files.readString(location.resolve("manifest.json"))).contains(sourceHash);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(location))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rw-------");
        for (String name : List.of("manifest.json", "manifest.json.sha256")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(location.resolve(name))))
                    .isEqualTo("rw-------");
        }
        assertThat(Files.readString(location.resolve("manifest.json.sha256")))
                .isEqualTo(snapshot.manifestSha256() + "  manifest.json\n");
        assertThat(snapshot.storage()).isEqualTo(SnapshotStorage.PLAIN);
        assertThat(FileHashes.sha256(source.resolve("db.json"))).isEqualTo(sourceHash);
        assertThat(completed.spec().sourceDir()).isEqualTo(source.toString());
    }

    @Test
    void aRedeliveredRequestIsHandledOnce() throws IOException {
        EventEnvelope request = requestEvent(exampleSource("duplicate"));
        probe.publish(request);
        probe.publish(request);
        // The topic has one partition, consumed in order: once a later run is backed up, both deliveries
        // of the first request were recorded, the second finding the first's job.
        String later = request(exampleSource("after-duplicate"));
        probe.await(later, EventType.BACKUP_COMPLETED, TIMEOUT);
        probe.await(request.migrationId(), EventType.BACKUP_COMPLETED, TIMEOUT);

        assertThat(probe.eventsOf(request.migrationId()))
                .filteredOn(e -> e.type() == EventType.BACKUP_COMPLETED).hasSize(1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> PhaseJob.forMigration(request.migrationId())))
                .singleElement().extracting(job -> job.starts).isEqualTo(1);
    }

    @Test
    void aMissingSourceDirectoryFailsThePhaseAndRequestsARollback() {
        Path missing = workDir.resolve("no-such-dir");
        String id = request(missing);

        PhaseFailed failed = probe.await(id, EventType.PHASE_FAILED, TIMEOUT).payloadAs(PhaseFailed.class);
        assertThat(failed.phase()).isEqualTo(Phase.BACKUP);
        assertThat(failed.reason()).contains(missing.toString()).contains("does not exist");
        RollbackRequested rollback = probe.await(id, EventType.ROLLBACK_REQUESTED, TIMEOUT)
                .payloadAs(RollbackRequested.class);
        assertThat(rollback.trigger()).isEqualTo(RollbackTrigger.PHASE_FAILED);
        assertThat(rollback.failedPhase()).isEqualTo(Phase.BACKUP);
    }

    @Test
    void invalidJsonIsNamedByFileLineAndColumnAndTheSourceIsNotModified() throws IOException {
        Path source = Files.createDirectories(workDir.resolve("invalid"));
        Path broken = Files.writeString(source.resolve("db.json"), "{\n  \"users\": [\n    {\"id\": 1,}\n  ]\n}\n");
        String before = FileHashes.sha256(broken);

        String id = request(source);

        PhaseFailed failed = probe.await(id, EventType.PHASE_FAILED, TIMEOUT).payloadAs(PhaseFailed.class);
        assertThat(failed.reason()).contains(broken.toString()).contains("line 3, column");
        assertThat(FileHashes.sha256(broken)).isEqualTo(before);
        try (Stream<Path> files = Files.list(source)) {
            assertThat(files).containsExactly(broken);
        }
    }

    @Test
    void afterTheTargetIsCleanedConfirmsTheJsonFilesAndRevertsTheDatasource() throws IOException {
        Path source = exampleSource("rollback");
        EventEnvelope request = requestEvent(source);
        probe.publish(request);
        probe.await(request.migrationId(), EventType.BACKUP_COMPLETED, TIMEOUT);

        probe.publish(targetCompensated(request));

        RollbackStepCompleted step = probe.awaitMatching(request.migrationId(),
                e -> e.payload() instanceof RollbackStepCompleted s && s.compensator().equals("backup-service"),
                "backup-service rollback step", TIMEOUT).payloadAs(RollbackStepCompleted.class);
        assertThat(step.succeeded()).isTrue();
        assertThat(step.actions()).anySatisfy(a -> assertThat(a).contains("match the backup"));
        DatasourceReverted reverted = probe.await(request.migrationId(), EventType.DATASOURCE_REVERTED, TIMEOUT)
                .payloadAs(DatasourceReverted.class);
        assertThat(reverted.sourceDir()).isEqualTo(source.toString());
        assertThat(reverted.instruction()).as("the run never announced a cut-over: nothing switched")
                .isEqualTo("nothing to switch back: the run never announced a cut-over, so the application keeps "
                        + "using its JSON files in " + source);
    }

    @Test
    void aBackupResumedAfterACrashAnnouncesTheSameSnapshotAgain() throws IOException {
        EventEnvelope request = requestEvent(exampleSource("crash"));
        probe.publish(request);
        EventEnvelope first = probe.await(request.migrationId(), EventType.BACKUP_COMPLETED, TIMEOUT);
        Path manifest = Path.of(first.payloadAs(BackupCompleted.class).snapshot().location()).resolve("manifest.json");
        var writtenAt = Files.getLastModifiedTime(manifest);
        // as if the service died after announcing the snapshot but before recording its job as done
        await().atMost(TIMEOUT).until(() -> QuarkusTransaction.requiringNew().call(() ->
                PhaseJob.update("status = ?1 where eventId = ?2 and status = ?3", PhaseJob.Status.RUNNING,
                        request.eventId(), PhaseJob.Status.DONE) == 1));

        EventEnvelope again = probe.awaitMatching(request.migrationId(),
                e -> e.type() == EventType.BACKUP_COMPLETED && e != first, "a second backup.completed", TIMEOUT);
        assertThat(again.eventId()).isEqualTo(first.eventId());
        assertThat(again.payload()).isEqualTo(first.payload());
        assertThat(Files.getLastModifiedTime(manifest)).isEqualTo(writtenAt);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(QuarkusTransaction.requiringNew()
                .call(() -> PhaseJob.<PhaseJob>findById(request.eventId())))
                .extracting(job -> job.status, job -> job.starts).containsExactly(PhaseJob.Status.DONE, 2));
    }

    @Test
    void eachRollbackOfAnAttemptEndsInItsOwnStepAndRevert() throws IOException {
        EventEnvelope request = requestEvent(exampleSource("two-rollbacks"));
        probe.publish(request);
        probe.await(request.migrationId(), EventType.BACKUP_COMPLETED, TIMEOUT);

        probe.publish(targetCompensated(request, "first"));
        probe.publish(targetCompensated(request, "second"));

        assertThat(probe.awaitCount(request.migrationId(), EventType.DATASOURCE_REVERTED, 2, TIMEOUT))
                .extracting(EventEnvelope::eventId).doesNotHaveDuplicates();
    }

    @Test
    void healthCoversKafkaAndTheDatabase() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check",
                        "SmallRye Reactive Messaging - readiness check"));
        // every job worker is alive, each service's liveness says so beside the messaging's
        given().when().get("/q/health/live").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("jsonmig job workers alive",
                        "SmallRye Reactive Messaging - liveness check"));
    }

    private static EventEnvelope targetCompensated(EventEnvelope request) {
        return targetCompensated(request, "");
    }

    private static EventEnvelope targetCompensated(EventEnvelope request, String rollback) {
        RunSpec spec = request.payloadAs(MigrationRequested.class).spec();
        return EventEnvelope.of(request.migrationId(), 1, "migration-service", "migration-service|" + rollback,
                new RollbackStepCompleted("migration-service", Phase.MIGRATION, List.of("dropped nothing"), true, spec),
                Instant.now());
    }

    private static Path exampleSource(String name) throws IOException {
        Path dir = Files.createDirectories(workDir.resolve(name));
        Files.copy(EXAMPLE, dir.resolve("db.json"));
        return dir.toRealPath();
    }

    private static String request(Path source) {
        return probe.publish(requestEvent(source)).migrationId();
    }

    private static EventEnvelope requestEvent(Path source) {
        String id = MigrationIds.newId(Clock.systemUTC());
        RunSpec spec = new RunSpec(source.toString(), "/unused/schema", null, "test", "backup-service-test");
        return EventEnvelope.of(id, 1, "test", "", new MigrationRequested(spec), Instant.now());
    }
}
