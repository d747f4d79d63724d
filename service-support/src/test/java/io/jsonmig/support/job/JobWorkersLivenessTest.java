package io.jsonmig.support.job;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** What makes a job worker not live, and how /q/health/live says so. */
class JobWorkersLivenessTest {

    private static final Duration UNRESPONSIVE_AFTER = Duration.ofMinutes(30);
    private static final Instant T0 = Instant.parse("2026-01-05T02:00:00Z");

    @Test
    void aJobThatReachedNoCheckpointForLongerThanTheLimitMakesTheWorkerDownNamingTheJob() throws Exception {
        WorkerWatch watch = liveWorker();
        watch.started(job("evt-1", "migration", "mig-20260105-0200-abcd"), T0);

        assertThat(watch.problem(T0.plus(UNRESPONSIVE_AFTER), UNRESPONSIVE_AFTER)).isEmpty();
        List<String> problems = watch.problem(T0.plus(UNRESPONSIVE_AFTER).plusSeconds(1), UNRESPONSIVE_AFTER)
                .stream().toList();

        assertThat(problems).singleElement().asString().contains("jsonmig-job-worker-1", "is stuck",
                "job evt-1 (migration) of run mig-20260105-0200-abcd", "1801 s");
        HealthCheckResponse response = JobWorkersLiveness.response(problems);
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getName()).isEqualTo(JobWorkersLiveness.NAME);
        assertThat(response.getData()).get().extracting(d -> d.get("problem-1")).asString()
                .contains("job evt-1 (migration) of run mig-20260105-0200-abcd");
    }

    @Test
    void aLongJobThatKeepsReachingCheckpointsStaysLive() throws Exception {
        WorkerWatch watch = liveWorker();
        watch.started(job("evt-2", "migration", "mig-20260105-0200-efgh"), T0);
        Instant now = T0;
        for (int i = 0; i < 10; i++) {
            now = now.plus(Duration.ofMinutes(20));
            watch.checkpoint(now);
        }
        assertThat(watch.problem(now.plus(Duration.ofMinutes(29)), UNRESPONSIVE_AFTER)).isEmpty();
        assertThat(JobWorkersLiveness.response(List.of()).getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void aWorkerWhoseThreadDiedIsDown() throws Exception {
        WorkerWatch watch = new WorkerWatch("jsonmig-job-worker-2");
        Thread thread = new Thread(() -> { });
        watch.working(thread);
        thread.start();
        thread.join();
        assertThat(watch.problem(T0, UNRESPONSIVE_AFTER)).get().asString().contains("jsonmig-job-worker-2", "ended");

        watch.ended("OutOfMemoryError", T0, Duration.ofSeconds(1));
        assertThat(watch.problem(T0, UNRESPONSIVE_AFTER)).get().asString().contains("OutOfMemoryError");
    }

    /** A watch whose thread is alive (parked until the JVM ends), so only the job decides. */
    private static WorkerWatch liveWorker() {
        CountDownLatch never = new CountDownLatch(1);
        Thread thread = new Thread(() -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        thread.setDaemon(true);
        thread.start();
        WorkerWatch watch = new WorkerWatch("jsonmig-job-worker-1");
        watch.working(thread);
        return watch;
    }

    private static PhaseJob job(String eventId, String handler, String migrationId) {
        PhaseJob job = new PhaseJob();
        job.eventId = eventId;
        job.handler = handler;
        job.migrationId = migrationId;
        return job;
    }
}
