package io.jsonmig.verification.stabilization;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.support.job.Cancellation;
import io.jsonmig.support.job.JobHandler;
import io.jsonmig.support.job.JobStore;
import io.jsonmig.support.job.PhaseJob;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;

/**
 * The end of a run's watch at {@code run.finalized}: recorded as a job of its own, so that the watch reads
 * durably that its run was finalized before it schedules another round, and the round waiting for its time
 * is cancelled at once. The job itself has nothing to do.
 */
@ApplicationScoped
public class WatchEnd implements JobHandler {

    public static final String JOB = "stabilization-end";

    private final JobStore jobs;

    public WatchEnd(JobStore jobs) {
        this.jobs = jobs;
    }

    @Override
    public String name() {
        return JOB;
    }

    @Override
    public void run(EventEnvelope event, Cancellation cancellation) {
        // the record is what counts
    }

    @Override
    public void abandoned(EventEnvelope event, String reason) {
        // nothing to tell: the run is finalized
    }

    /** Whether the run was finalized, as far as this service knows. */
    public boolean ended(String migrationId) {
        return jobs.forMigration(migrationId).stream().anyMatch(job -> JOB.equals(job.handler));
    }

    /** The run's watch stops: a round waiting for its time never runs, a running one stops at its next checkpoint. */
    @Transactional
    public void stopWatch(String migrationId) {
        List<PhaseJob> watching = PhaseJob.list("migrationId = ?1 and handler = ?2 and status in ?3 "
                + "and cancelReason is null", migrationId, ApplicationWatch.JOB,
                List.of(PhaseJob.Status.PENDING, PhaseJob.Status.RUNNING));
        for (PhaseJob job : watching) {
            job.cancelReason = "the run was finalized: its stabilization window is over";
            Log.infof("[%s] the watch stops (job %s): %s", migrationId, job.eventId, job.cancelReason);
        }
    }
}
