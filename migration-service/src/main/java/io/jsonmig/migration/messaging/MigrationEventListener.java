package io.jsonmig.migration.messaging;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.VerificationPassed;
import io.jsonmig.migration.dryrun.DryRunCleanup;
import io.jsonmig.migration.phase.MigrationPhase;
import io.jsonmig.migration.reverse.ReverseSync;
import io.jsonmig.migration.rollback.TargetCompensation;
import io.jsonmig.support.job.PhaseJobs;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The events migration-service reacts to, each recorded once as a job and acknowledged; the load
 * and the compensation run on the job workers.
 */
@ApplicationScoped
public class MigrationEventListener {

    private final PhaseJobs jobs;

    public MigrationEventListener(PhaseJobs jobs) {
        this.jobs = jobs;
    }

    @Incoming("backup-completed")
    @Blocking
    public void onBackupCompleted(EventEnvelope event) {
        jobs.submit(event, MigrationPhase.JOB);
    }

    /**
     * Only a dry run's: its rehearsal ends here, with the removal of what it created (backup-service guards a real
     * run's cut-over). Any other verification.passed is not this service's business.
     */
    @Incoming("verification-passed")
    @Blocking
    public void onVerificationPassed(EventEnvelope event) {
        if (event.payloadAs(VerificationPassed.class).spec().dryRun()) {
            jobs.submit(event, DryRunCleanup.JOB);
        }
    }

    /**
     * Every rollback request, whoever asked (this service too): a running load stops at its next
     * checkpoint, then the target is compensated and backup-service told. After the cut-over nothing is
     * dropped: the application's writes are carried back by the reverse sync.
     */
    @Incoming("rollback-requested")
    @Blocking
    public void onRollbackRequested(EventEnvelope event) {
        if (event.payloadAs(RollbackRequested.class).afterCutover()) {
            jobs.submitCompensation(event, ReverseSync.JOB);
            return;
        }
        jobs.submitCompensation(event, TargetCompensation.JOB);
    }
}
