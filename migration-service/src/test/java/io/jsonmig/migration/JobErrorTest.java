package io.jsonmig.migration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.payload.PhaseFailed;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.events.payload.SnapshotStorage;
import io.jsonmig.events.serde.EventJson;
import io.jsonmig.support.job.PhaseJob;
import io.jsonmig.events.Phase;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.jsonmig.testing.TestFiles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * A job that cannot finish ends: an {@link Error} in it, or a service that died under it twice, fails
 * the phase at once, the run rolls back, and the service goes on with the next run.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TargetProfilesResource.class)
class JobErrorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Path EXAMPLE = Path.of("../examples/blog").toAbsolutePath().normalize();

    @RegisterExtension
    static final EventProbe probe = EventProbe.onTestBroker();

    private static Path workDir;
    private static ObjectNode blog;

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
    void anOutOfMemoryErrorFailsThePhaseOnceRollsBackAndTheNextRunCompletes() throws Exception {
        EventEnvelope poisoned = backupCompleted("poisoned");
        ErrorInjection.poison(poisoned.migrationId());
        probe.publish(poisoned);

        PhaseFailed failed = probe.await(poisoned.migrationId(), EventType.PHASE_FAILED, TIMEOUT)
                .payloadAs(PhaseFailed.class);
        assertThat(failed.phase()).isEqualTo(Phase.MIGRATION);
        assertThat(failed.reason()).contains("OutOfMemoryError: Java heap space");
        assertThat(probe.await(poisoned.migrationId(), EventType.ROLLBACK_REQUESTED, TIMEOUT)
                .payloadAs(RollbackRequested.class).failedPhase()).isEqualTo(Phase.MIGRATION);
        assertThat(targetStep(poisoned.migrationId()).succeeded()).isTrue();
        PhaseJob job = jobOf(poisoned.eventId());
        assertThat(job.status).isEqualTo(PhaseJob.Status.FAILED);
        assertThat(job.starts).as("not run again").isEqualTo(1);
        assertThat(job.detail).contains("OutOfMemoryError");
        assertThat(probe.eventsOf(poisoned.migrationId()).stream().filter(e -> e.type() == EventType.PHASE_FAILED))
                .hasSize(1);
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'jsonmig job workers' }.status", equalTo("UP"));

        EventEnvelope next = backupCompleted("afterpoison");
        probe.publish(next);
        assertThat(probe.await(next.migrationId(), EventType.DATA_MIGRATED, TIMEOUT)).isNotNull();
    }

    @Test
    void aJobTheServiceDiedUnderTwiceIsFailedInsteadOfResumed() throws Exception {
        EventEnvelope crashed = backupCompleted("crashed");
        // As the ledger is after the process died running the job for the second time (it was resumed once).
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
            job.starts = 2;
            job.crashes = 1;
            job.persist();
        });

        PhaseFailed failed = probe.await(crashed.migrationId(), EventType.PHASE_FAILED, TIMEOUT)
                .payloadAs(PhaseFailed.class);
        assertThat(failed.reason()).contains("the service stopped 2 times while running this job");
        assertThat(targetStep(crashed.migrationId()).succeeded()).isTrue();
        PhaseJob job = jobOf(crashed.eventId());
        assertThat(job.status).isEqualTo(PhaseJob.Status.FAILED);
        assertThat(job.crashes).isEqualTo(2);
        assertThat(probe.eventsOf(crashed.migrationId())).extracting(EventEnvelope::type)
                .doesNotContain(EventType.DATA_MIGRATED);
    }

    @Test
    void readinessIncludesTheJobWorkers() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("jsonmig job workers"));
    }

    private static EventEnvelope backupCompleted(String profile) throws IOException {
        Path dir = Files.createDirectories(workDir.resolve(profile));
        return TestRuns.backupCompleted(dir, profile, TestRuns.snapshot(dir, profile, blog),
                EXAMPLE.resolve("schema"), EXAMPLE.resolve("mapping.json"), blog,
                SnapshotStorage.PLAIN, null);
    }

    private static RollbackStepCompleted targetStep(String migrationId) {
        return probe.awaitMatching(migrationId, e -> e.payload() instanceof RollbackStepCompleted s
                && s.compensator().equals("migration-service"), "migration-service rollback step", TIMEOUT)
                .payloadAs(RollbackStepCompleted.class);
    }

    private static PhaseJob jobOf(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> PhaseJob.findById(eventId));
    }
}
