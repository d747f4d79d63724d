package io.jsonmig.backup.messaging;

import io.jsonmig.backup.cutover.CutoverGuard;
import io.jsonmig.backup.drift.DriftCheckHandler;
import io.jsonmig.backup.retention.RunActivities;
import io.jsonmig.backup.retention.SnapshotRetention;
import io.jsonmig.backup.retry.RetryHandler;
import io.jsonmig.backup.rollback.SourceConfirmation;
import io.jsonmig.backup.window.WindowGate;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.support.job.PhaseJobs;
import io.jsonmig.support.ledger.EventLedger;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import io.jsonmig.backup.rollback.ReverseSyncSwap;

/**
 * The events backup-service reacts to, each handled once: the backup and the confirmation of the JSON
 * files are recorded as jobs and run on the job workers, the short rest right here.
 */
@ApplicationScoped
public class BackupEventListener {

    private final EventLedger ledger;
    private final WindowGate windowGate;
    private final PhaseJobs jobs;
    private final RunActivities runs;
    private final SnapshotRetention retention;
    private final DriftCheckHandler driftCheck;

    public BackupEventListener(EventLedger ledger, PhaseJobs jobs, WindowGate windowGate, RunActivities runs,
                               SnapshotRetention retention, DriftCheckHandler driftCheck) {
        this.ledger = ledger;
        this.jobs = jobs;
        this.windowGate = windowGate;
        this.runs = runs;
        this.retention = retention;
        this.driftCheck = driftCheck;
    }

    @Incoming("migration-requested")
    @Blocking
    public void onMigrationRequested(EventEnvelope event) {
        windowGate.onRequested(event);
    }

    @Incoming("rollback-step-completed")
    @Blocking
    public void onRollbackStepCompleted(EventEnvelope event) {
        // The target is cleaned first; then backup-service restores the JSON files and ends the rollback.
        if (RollbackStepCompleted.TARGET_COMPENSATOR.equals(event.payloadAs(RollbackStepCompleted.class).compensator())) {
            runs.note(event);
            jobs.submitCompensation(event, SourceConfirmation.JOB);
        }
    }

    /**
     * A running backup stops at its next checkpoint, and none starts for the attempt any more; the
     * JSON files are confirmed once the target is clean (above).
     */
    @Incoming("rollback-requested")
    @Blocking
    public void onRollbackRequested(EventEnvelope event) {
        jobs.noteRollback(event);
    }

    /** A rollback after the cut-over: its export agrees with the fenced tables, so it replaces the live files. */
    @Incoming("reverse-sync-verified")
    @Blocking
    public void onReverseSyncVerified(EventEnvelope event) {
        runs.note(event);
        jobs.submitCompensation(event, ReverseSyncSwap.JOB);
    }

    /** The end of a run, any way: its snapshots may now go when newer ones exist. */
    @Incoming("cutover-ready")
    @Incoming("run-finalized")
    @Incoming("datasource-reverted")
    @Incoming("dry-run-completed")
    @Blocking
    public void onRunFinished(EventEnvelope event) {
        ledger.handleOnce(event, e -> {
            if (runs.note(e)) {
                retention.applyForRun(e.migrationId());
            }
        });
    }

    @Incoming("retry-requested")
    @Blocking
    public void onRetryRequested(EventEnvelope event) {
        jobs.submit(event, RetryHandler.JOB);
    }

    /** The cut-over guard: the verified data may go live only if the JSON files did not change meanwhile. */
    @Incoming("verification-passed")
    @Blocking
    public void onVerificationPassed(EventEnvelope event) {
        jobs.submit(event, CutoverGuard.JOB);
    }

    @Incoming("drift-check-requested")
    @Blocking
    public void onDriftCheckRequested(EventEnvelope event) {
        ledger.handleOnce(event, driftCheck::run);
    }
}
