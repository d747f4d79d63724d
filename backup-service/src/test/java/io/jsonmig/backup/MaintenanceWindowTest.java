package io.jsonmig.backup;

import io.jsonmig.backup.snapshot.BackupPhase;
import io.jsonmig.support.job.JobStore;
import io.jsonmig.support.job.PhaseJob;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.MaintenanceWindow;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.jsonmig.testing.TestFiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A run with a maintenance window waits for it, durably, and starts once when it opens. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class MaintenanceWindowTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Path EXAMPLE = Path.of("../examples/blog/data/db.json");

    private static EventProbe probe;
    private static Path workDir;

    @Inject
    JobStore jobs;

    @BeforeAll
    static void connect() throws IOException {
        probe = new EventProbe(KafkaBrokerResource.bootstrapServers());
        workDir = Files.createTempDirectory("jsonmig-backup-window-");
    }

    @AfterAll
    static void disconnect() throws IOException {
        probe.close();
        TestFiles.deleteTree(workDir);
    }

    @Test
    void aRunScheduledAheadWaitsForItsWindowThenCompletesOnce() throws IOException {
        Instant opens = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.MILLIS);
        EventEnvelope request = request(source("ahead"), new MaintenanceWindow(opens, Duration.ofMinutes(30)));
        probe.publish(request);
        probe.publish(request);

        EventEnvelope waiting = probe.await(request.migrationId(), EventType.PROGRESS, TIMEOUT);
        Progress progress = waiting.payloadAs(Progress.class);
        assertThat(progress.phase()).isEqualTo(Phase.BACKUP);
        assertThat(progress.item()).isEqualTo(Progress.WAITING_FOR_WINDOW);
        assertThat(progress.done()).isZero();
        assertThat(progress.total()).isBetween(1L, 4L);
        assertThat(waiting.occurredAt()).isBefore(opens);

        EventEnvelope completed = probe.await(request.migrationId(), EventType.BACKUP_COMPLETED, TIMEOUT);
        assertThat(completed.occurredAt()).as("the backup ends only after the window opened")
                .isAfterOrEqualTo(opens);
        // A later run, unscheduled, completes after the scheduled one was claimed: by then both
        // deliveries of the request have been handled and the poller has had every chance to start it twice.
        EventEnvelope later = request(source("after-ahead"), null);
        probe.publish(later);
        probe.await(later.migrationId(), EventType.BACKUP_COMPLETED, TIMEOUT);
        assertThat(probe.eventsOf(request.migrationId()))
                .filteredOn(e -> e.type() == EventType.BACKUP_COMPLETED).hasSize(1);
        assertThat(probe.eventsOf(request.migrationId()))
                .filteredOn(e -> e.type() == EventType.PROGRESS
                        && Progress.WAITING_FOR_WINDOW.equals(e.payloadAs(Progress.class).item()))
                .hasSize(1);
    }

    @Test
    void aStartRecordedBeforeARestartIsPickedUpByTheJobWorkers() throws IOException {
        // As if recorded by an instance that stopped before the window opened: no Kafka record at all.
        EventEnvelope request = request(source("restart"),
                new MaintenanceWindow(Instant.now().plusSeconds(3600), Duration.ofMinutes(30)));
        jobs.record(request, BackupPhase.JOB, false, Instant.now().minusSeconds(1));

        EventEnvelope completed = probe.await(request.migrationId(), EventType.BACKUP_COMPLETED, TIMEOUT);

        assertThat(completed.migrationId()).isEqualTo(request.migrationId());
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(jobs.forMigration(request.migrationId()))
                .as("done once: the later window of the spec does not start it again")
                .singleElement().extracting(job -> job.status, job -> job.starts)
                .containsExactly(PhaseJob.Status.DONE, 1));
    }

    @Test
    void anAbortWhileTheRunWaitsForItsWindowCancelsTheBackupBeforeItBeginsAndRevertsOnce() throws IOException {
        Path source = source("abort-waiting");
        byte[] before = Files.readAllBytes(source.resolve("db.json"));
        EventEnvelope request = request(source, new MaintenanceWindow(Instant.now().plusSeconds(3600),
                Duration.ofMinutes(30)));
        String id = request.migrationId();
        RunSpec spec = request.payloadAs(MigrationRequested.class).spec();
        probe.publish(request);
        probe.awaitMatching(id, e -> e.payload() instanceof Progress p && Progress.WAITING_FOR_WINDOW.equals(p.item()),
                "waiting for the window", TIMEOUT);

        probe.publish(EventEnvelope.of(id, 1, "cli", "operator", new RollbackRequested(RollbackTrigger.OPERATOR_ABORT,
                "operator abort", Phase.BACKUP, spec), Instant.now()));
        // what migration-service answers for a run that never reached it
        probe.publish(EventEnvelope.of(id, 1, "migration-service", "migration-service|abort",
                new RollbackStepCompleted("migration-service", Phase.MIGRATION, List.of("nothing to undo"), true, spec),
                Instant.now()));

        probe.await(id, EventType.DATASOURCE_REVERTED, TIMEOUT);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(jobs.forMigration(id))
                .filteredOn(job -> job.handler.equals(BackupPhase.JOB)).singleElement()
                .satisfies(job -> {
                    assertThat(job.status).isEqualTo(PhaseJob.Status.CANCELLED);
                    assertThat(job.starts).as("never began").isZero();
                }));
        assertThat(probe.eventsOf(id)).extracting(EventEnvelope::type).doesNotContain(EventType.BACKUP_COMPLETED)
                .containsOnlyOnce(EventType.DATASOURCE_REVERTED);
        assertThat(Files.readAllBytes(source.resolve("db.json"))).isEqualTo(before);
    }

    @Test
    void aWindowThatOpenedAlreadyStartsAtOnceWithoutWaiting() throws IOException {
        EventEnvelope request = request(source("open"),
                new MaintenanceWindow(Instant.now().minusSeconds(5), Duration.ofMinutes(30)));
        probe.publish(request);

        probe.await(request.migrationId(), EventType.BACKUP_COMPLETED, TIMEOUT);

        assertThat(probe.eventsOf(request.migrationId()))
                .noneMatch(e -> e.type() == EventType.PROGRESS
                        && Progress.WAITING_FOR_WINDOW.equals(e.payloadAs(Progress.class).item()));
    }

    private static EventEnvelope request(Path source, MaintenanceWindow window) {
        String id = MigrationIds.newId(Clock.systemUTC());
        RunSpec spec = new RunSpec(source.toString(), "/unused/schema", null, "test", "backup-window-test")
                .withMaintenanceWindow(window);
        return EventEnvelope.of(id, 1, "test", "", new MigrationRequested(spec), Instant.now());
    }

    private static Path source(String name) throws IOException {
        Path dir = Files.createDirectories(workDir.resolve(name));
        Files.copy(EXAMPLE, dir.resolve("db.json"));
        return dir.toRealPath();
    }
}
