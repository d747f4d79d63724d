package io.jsonmig.migration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.BackupCompleted;
import io.jsonmig.events.payload.PhaseFailed;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.payload.SnapshotStorage;
import io.jsonmig.events.serde.EventJson;
import io.jsonmig.support.job.JobStore;
import io.jsonmig.support.job.PhaseJob;
import io.jsonmig.support.ledger.PhaseRun;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.jsonmig.testing.TestFiles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A job that cannot finish ends: an {@link Error} in it, or a service that died under it twice, fails
 * the phase at once, the run rolls back, the job is never run again, and the service goes on with the
 * next run. Readiness says when a worker is dead or stuck, and recovers with it.
 */
@QuarkusTest
@TestProfile(JobErrorTest.ShortWatch.class)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TargetProfilesResource.class)
class JobErrorTest {

    /** A job is stuck after 2 s without a checkpoint; a dead worker is replaced after 3 s. */
    public static class ShortWatch implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("jsonmig.jobs.stuck-after", "2s", "jsonmig.jobs.poll-interval", "3s");
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Path EXAMPLE = Path.of("../examples/blog").toAbsolutePath().normalize();
    private static final String CHECK = "jsonmig job workers";

    @RegisterExtension
    static final EventProbe probe = EventProbe.onTestBroker();

    private static Path workDir;
    private static ObjectNode blog;

    @Inject
    JobStore jobs;

    @BeforeAll
    static void createWorkDir() throws IOException {
        workDir = Files.createTempDirectory("jsonmig-migration-job-error-").toRealPath();
        blog = (ObjectNode) TestRuns.JSON.readTree(EXAMPLE.resolve("data/db.json").toFile());
    }

    @AfterAll
    static void deleteWorkDir() {
        TestFiles.deleteTree(workDir);
    }

    @Test
    void anOutOfMemoryErrorInTheLoadFailsThePhaseOnceRollsBackAndIsNotRunAgain() throws Exception {
        EventEnvelope poisoned = backupCompleted("poisoned");
        // the third checkpoint is in the load: the schema is applied and jsonmig's tables exist
        ErrorInjection.failAt(poisoned.migrationId(), EventType.BACKUP_COMPLETED, 3,
                () -> new OutOfMemoryError("Java heap space"));
        probe.publish(poisoned);

        PhaseFailed failed = probe.await(poisoned.migrationId(), EventType.PHASE_FAILED, TIMEOUT)
                .payloadAs(PhaseFailed.class);
        assertThat(failed.phase()).isEqualTo(Phase.MIGRATION);
        assertThat(failed.reason()).isEqualTo("the migration cannot finish: OutOfMemoryError: Java heap space");
        RollbackRequested rollback = probe.await(poisoned.migrationId(), EventType.ROLLBACK_REQUESTED, TIMEOUT)
                .payloadAs(RollbackRequested.class);
        assertThat(rollback.trigger()).isEqualTo(RollbackTrigger.PHASE_FAILED);
        assertThat(rollback.failedPhase()).isEqualTo(Phase.MIGRATION);
        RollbackStepCompleted step = targetStep(poisoned.migrationId());
        assertThat(step.succeeded()).isTrue();
        assertThat(step.actions()).contains("dropped table public.users", "dropped table public.posts");

        PhaseJob job = jobOf(poisoned.eventId());
        assertThat(job.status).isEqualTo(PhaseJob.Status.FAILED);
        assertThat(job.starts).as("not run again").isEqualTo(1);
        assertThat(job.detail).isEqualTo("abandoned: OutOfMemoryError: Java heap space");
        assertThat(job.abandonReason).isEqualTo("OutOfMemoryError: Java heap space");
        assertThat(jobs.runnable(100)).as("what a restart would resume").extracting(j -> j.eventId)
                .doesNotContain(poisoned.eventId());
        assertThat(phaseRuns(poisoned.migrationId())).as("the ledger does not show the phase running")
                .extracting(r -> r.phase + " " + r.status)
                .containsExactlyInAnyOrder("MIGRATION FAILED", "ROLLBACK SUCCEEDED");
        assertThat(probe.eventsOf(poisoned.migrationId())).extracting(EventEnvelope::type)
                .containsOnlyOnce(EventType.PHASE_FAILED, EventType.ROLLBACK_REQUESTED)
                .doesNotContain(EventType.DATA_MIGRATED);
        assertThat(workers().status()).isEqualTo("UP");

        EventEnvelope next = backupCompleted("afterpoison");
        probe.publish(next);
        assertThat(probe.await(next.migrationId(), EventType.DATA_MIGRATED, TIMEOUT)).isNotNull();
    }

    @Test
    void aJobTheServiceDiedUnderMoreThanMaxCrashesTimesIsFailedInsteadOfResumed() throws Exception {
        EventEnvelope crashed = backupCompleted("crashed");
        // As the ledger is after another process died running the job for the fourth time (resumed three times).
        QuarkusTransaction.requiringNew().run(() -> {
            PhaseJob job = new PhaseJob();
            job.eventId = crashed.eventId();
            job.migrationId = crashed.migrationId();
            job.attempt = crashed.attempt();
            job.handler = "migration";
            job.event = EventJson.toJson(crashed);
            job.status = PhaseJob.Status.RUNNING;
            job.createdAt = Instant.now().minusSeconds(60);
            job.notBefore = job.createdAt;
            job.startedAt = Instant.now().minusSeconds(10);
            job.startedBy = "4242/a-process-that-died";
            job.starts = 4;
            job.crashes = 3;
            job.persist();
        });

        PhaseFailed failed = probe.await(crashed.migrationId(), EventType.PHASE_FAILED, TIMEOUT)
                .payloadAs(PhaseFailed.class);
        assertThat(failed.reason()).startsWith("the migration cannot finish: the service stopped 4 times while "
                + "running this job (migration, last started ");
        assertThat(targetStep(crashed.migrationId()).succeeded()).isTrue();
        PhaseJob job = jobOf(crashed.eventId());
        assertThat(job.status).isEqualTo(PhaseJob.Status.FAILED);
        assertThat(job.crashes).isEqualTo(4);
        assertThat(probe.eventsOf(crashed.migrationId())).extracting(EventEnvelope::type)
                .containsOnlyOnce(EventType.PHASE_FAILED)
                .doesNotContain(EventType.DATA_MIGRATED);
    }

    @Test
    void aCompensationThatThrowsAnErrorStillEndsItsRollbackStep() throws Exception {
        EventEnvelope migrated = backupCompleted("compfails");
        probe.publish(migrated);
        probe.await(migrated.migrationId(), EventType.DATA_MIGRATED, TIMEOUT);
        ErrorInjection.failAt(migrated.migrationId(), EventType.ROLLBACK_REQUESTED, 0, StackOverflowError::new);

        EventEnvelope abort = probe.publish(EventEnvelope.of(migrated.migrationId(), 1, "cli", "operator",
                new RollbackRequested(RollbackTrigger.OPERATOR_ABORT, "operator abort", Phase.VERIFICATION,
                        migrated.payloadAs(BackupCompleted.class).spec()), Instant.now()));

        RollbackStepCompleted step = targetStep(migrated.migrationId());
        assertThat(step.succeeded()).isFalse();
        assertThat(step.actions()).containsExactly("compensation failed: StackOverflowError");
        assertThat(jobOf(abort.eventId()).status).isEqualTo(PhaseJob.Status.FAILED);
        assertThat(workers().status()).isEqualTo("UP");
    }

    @Test
    void readinessIsDownWhileAJobIsStuckAndUpOnceItMovesAgain() throws Exception {
        EventEnvelope stalled = backupCompleted("stalled");
        CountDownLatch released = new CountDownLatch(1);
        ErrorInjection.stallAt(stalled.migrationId(), EventType.BACKUP_COMPLETED, released);
        try {
            probe.publish(stalled);
            await().atMost(TIMEOUT).until(() -> workers().status().equals("DOWN"));
            Response ready = given().when().get("/q/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(workers(ready).problems()).singleElement().asString()
                    .contains(" is stuck: job " + stalled.eventId() + " (migration) of run " + stalled.migrationId()
                            + " reached no checkpoint for ");
        } finally {
            released.countDown();
        }
        assertThat(probe.await(stalled.migrationId(), EventType.DATA_MIGRATED, TIMEOUT)).isNotNull();
        await().atMost(TIMEOUT).until(() -> workers().status().equals("UP"));
        assertThat(given().when().get("/q/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void readinessIsDownWhileAWorkerIsDeadAndUpOnceAnotherTookItsPlace() throws Exception {
        Thread worker = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("jsonmig-job-worker-1") && t.isAlive()).findFirst().orElseThrow();
        worker.interrupt();
        worker.join(TIMEOUT.toMillis());
        assertThat(worker.isAlive()).isFalse();

        Response ready = given().when().get("/q/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(workers(ready).problems()).singleElement().asString()
                .startsWith("jsonmig-job-worker-1 ended (interrupted); a new worker takes its place at ");

        await().atMost(TIMEOUT).until(() -> workers().status().equals("UP"));
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().startsWith("jsonmig-job-worker-"))
                .hasSize(2);
        EventEnvelope next = backupCompleted("revived");
        probe.publish(next);
        assertThat(probe.await(next.migrationId(), EventType.DATA_MIGRATED, TIMEOUT)).isNotNull();
    }

    private record WorkersCheck(String status, List<Object> problems) {
    }

    private static WorkersCheck workers() {
        return workers(given().when().get("/q/health/ready"));
    }

    private static WorkersCheck workers(Response ready) {
        String status = ready.path("checks.find { it.name == '" + CHECK + "' }.status");
        Map<String, Object> data = ready.path("checks.find { it.name == '" + CHECK + "' }.data");
        return new WorkersCheck(status, data == null ? List.of() : List.copyOf(data.values()));
    }

    private static EventEnvelope backupCompleted(String profile) throws IOException {
        Path dir = Files.createDirectories(workDir.resolve(profile));
        return TestRuns.backupCompleted(dir, profile, TestRuns.snapshot(dir, profile, blog),
                EXAMPLE.resolve("schema"), EXAMPLE.resolve("mapping.json"), blog,
                SnapshotStorage.PLAIN, null);
    }

    private static RollbackStepCompleted targetStep(String migrationId) {
        return probe.awaitMatching(migrationId, e -> e.payload() instanceof RollbackStepCompleted s
                && s.compensator().equals(RollbackStepCompleted.TARGET_COMPENSATOR), "migration-service rollback step",
                TIMEOUT).payloadAs(RollbackStepCompleted.class);
    }

    private static PhaseJob jobOf(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> PhaseJob.findById(eventId));
    }

    private static List<PhaseRun> phaseRuns(String migrationId) {
        return QuarkusTransaction.requiringNew().call(() -> PhaseRun.forMigration(migrationId));
    }
}
