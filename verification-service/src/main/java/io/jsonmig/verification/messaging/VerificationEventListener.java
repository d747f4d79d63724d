package io.jsonmig.verification.messaging;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.support.job.PhaseJobs;
import io.jsonmig.verification.check.VerificationPhase;
import io.jsonmig.verification.reverse.ReverseSyncVerification;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The events verification-service reacts to, each recorded once as a job and acknowledged. */
@ApplicationScoped
public class VerificationEventListener {

    private final PhaseJobs jobs;

    public VerificationEventListener(PhaseJobs jobs) {
        this.jobs = jobs;
    }

    @Incoming("data-migrated")
    @Blocking
    public void onDataMigrated(EventEnvelope event) {
        jobs.submit(event, VerificationPhase.JOB);
    }

    /**
     * A rollback after the cut-over exported the fenced tables: the export is verified against them. Part of
     * the rollback (a compensation), so the rollback that asked for it does not cancel it.
     */
    @Incoming("reverse-sync-exported")
    @Blocking
    public void onReverseSyncExported(EventEnvelope event) {
        jobs.submitCompensation(event, ReverseSyncVerification.JOB);
    }

    /** A running verification stops at its next checkpoint, and none starts for the attempt any more. */
    @Incoming("rollback-requested")
    @Blocking
    public void onRollbackRequested(EventEnvelope event) {
        jobs.noteRollback(event);
    }
}
