package io.jsonmig.migration;

import io.jsonmig.support.job.JobStore;
import io.jsonmig.support.job.PhaseJob;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two transactions change one job at once — a rollback cancelling the run's forward jobs, the worker
 * finishing one of them — and the job keeps both changes: a finished job never turns unfinished again,
 * so it is never run (and its failure never announced) a second time.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TargetProfilesResource.class)
class PhaseJobUpdatesTest {

    @Inject
    JobStore jobs;

    @Test
    void aCancellationThatReadTheJobBeforeItFinishedKeepsItFinished() throws Exception {
        String eventId = "phase-job-race-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            PhaseJob job = new PhaseJob();
            job.eventId = eventId;
            job.migrationId = "mig-" + eventId;
            job.attempt = 1;
            job.handler = "no-such-handler";
            job.event = "{}";
            job.status = PhaseJob.Status.RUNNING;
            job.createdAt = Instant.now();
            job.notBefore = job.createdAt.plus(Duration.ofDays(1)); // no worker picks it up meanwhile
            job.startedAt = job.createdAt;
            job.startedBy = "a worker of this test";
            job.starts = 1;
            job.persist();
        });
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        CompletableFuture<Void> cancelling = CompletableFuture.runAsync(() ->
                QuarkusTransaction.requiringNew().run(() -> {
                    PhaseJob job = PhaseJob.findById(eventId);
                    assertThat(job.status).isEqualTo(PhaseJob.Status.RUNNING);
                    read.countDown();
                    awaitLatch(finished);
                    job.cancelReason = "rollback requested: a test's rollback";
                }));

        assertThat(read.await(30, TimeUnit.SECONDS)).isTrue();
        jobs.finish(eventId, PhaseJob.Status.FAILED, "abandoned: a test's reason");
        finished.countDown();
        cancelling.get(30, TimeUnit.SECONDS);

        PhaseJob job = QuarkusTransaction.requiringNew().call(() -> PhaseJob.<PhaseJob>findById(eventId));
        assertThat(job.status).isEqualTo(PhaseJob.Status.FAILED);
        assertThat(job.detail).isEqualTo("abandoned: a test's reason");
        assertThat(job.finishedAt).isNotNull();
        assertThat(job.cancelReason).isEqualTo("rollback requested: a test's rollback");
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
