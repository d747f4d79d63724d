package io.jsonmig.verification.messaging;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.payload.CutoverReady;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.support.job.PhaseJobs;
import io.jsonmig.verification.check.VerificationPhase;
import io.jsonmig.verification.reverse.ReverseSyncVerification;
import io.jsonmig.verification.stabilization.ApplicationWatch;
import io.jsonmig.verification.stabilization.BaselineSampler;
import io.jsonmig.verification.stabilization.WatchEnd;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The events verification-service reacts to, each recorded once as a job and acknowledged. */
@ApplicationScoped
public class VerificationEventListener {

    private final PhaseJobs jobs;
    private final WatchEnd watchEnd;

    public VerificationEventListener(PhaseJobs jobs, WatchEnd watchEnd) {
        this.jobs = jobs;
        this.watchEnd = watchEnd;
    }

    /** A run with a stabilization window and url probes: their baseline is taken while the application runs on JSON. */
    @Incoming("migration-requested")
    @Blocking
    public void onMigrationRequested(EventEnvelope event) {
        if (BaselineSampler.wanted(event.payloadAs(MigrationRequested.class).spec())) {
            jobs.submit(event, BaselineSampler.JOB);
        }
    }

    /** The cut-over opens the stabilization window: its watch begins. */
    @Incoming("cutover-ready")
    @Blocking
    public void onCutoverReady(EventEnvelope event) {
        if (ApplicationWatch.watches(event.payloadAs(CutoverReady.class))) {
            jobs.submit(event, ApplicationWatch.JOB);
        }
    }

    /** The window is over: the watch ends (recorded first, so a round running now schedules no other). */
    @Incoming("run-finalized")
    @Blocking
    public void onRunFinalized(EventEnvelope event) {
        jobs.submit(event, WatchEnd.JOB);
        watchEnd.stopWatch(event.migrationId());
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
