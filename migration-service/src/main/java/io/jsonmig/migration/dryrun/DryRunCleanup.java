package io.jsonmig.migration.dryrun;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.DryRunCompleted;
import io.jsonmig.events.payload.DryRuns;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.VerificationPassed;
import io.jsonmig.migration.catalog.TargetChanges;
import io.jsonmig.migration.rollback.TargetRemoval;
import io.jsonmig.support.job.Cancellation;
import io.jsonmig.support.job.JobHandler;
import io.jsonmig.support.ledger.PhaseRun;
import io.jsonmig.support.ledger.PhaseRuns;
import io.jsonmig.support.messaging.EventPublisher;
import io.jsonmig.support.messaging.FailureReporter;
import io.jsonmig.support.messaging.PhaseFailure;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * The end of a dry run, in place of the cut-over: once its verification passed, everything the rehearsal created
 * in the target (the throwaway schema last) is removed as a rollback would remove it, and
 * {@code dry-run.completed} ends the run. A removal that fails leaves the target as it was and fails the
 * cut-over phase, so the run is rolled back (and its compensation tries again).
 */
@ApplicationScoped
public class DryRunCleanup implements JobHandler {

    /** The job of a dry run's {@code verification.passed}. */
    public static final String JOB = "dry-run-cleanup";

    private final TargetRemoval removal;
    private final TargetChanges changes;
    private final PhaseRuns phaseRuns;
    private final EventPublisher publisher;
    private final FailureReporter failures;

    public DryRunCleanup(TargetRemoval removal, TargetChanges changes, PhaseRuns phaseRuns, EventPublisher publisher,
                         FailureReporter failures) {
        this.removal = removal;
        this.changes = changes;
        this.phaseRuns = phaseRuns;
        this.publisher = publisher;
        this.failures = failures;
    }

    @Override
    public String name() {
        return JOB;
    }

    /** Cancelled by a rollback requested meanwhile: the compensation queued behind it removes what is left. */
    @Override
    public void run(EventEnvelope verified, Cancellation cancellation) {
        VerificationPassed passed = verified.payloadAs(VerificationPassed.class);
        RunSpec spec = passed.spec();
        String schema = DryRuns.schemaFor(verified.migrationId());
        Long phaseRun = null;
        try {
            phaseRun = phaseRuns.start(verified.migrationId(), Phase.CUTOVER, verified.attempt());
            cancellation.checkNow();
            List<String> actions = new ArrayList<>();
            if (!removal.remove(verified.migrationId(), actions)) {
                throw new PhaseFailure("the dry run's clean-up could not remove what it created in target profile '"
                        + spec.targetProfile() + "' (schema " + schema + "), so nothing was removed", actions);
            }
            cancellation.checkNow(); // a run being rolled back ends with its rollback, not as completed
            // From the ledger, not from this removal's actions: after a restart they would say nothing was left.
            List<String> removed = changes.dropped(verified.migrationId());
            phaseRuns.finish(phaseRun, PhaseRun.Status.SUCCEEDED, String.join("; ", actions));
            publisher.publish(verified, "", new DryRunCompleted(spec.targetProfile(), schema, passed.tablesToSwitch(),
                    removed, passed.reportLocation()));
        } catch (RuntimeException e) {
            finishQuietly(verified, phaseRun, e.getMessage());
            failures.phaseFailed(verified, Phase.CUTOVER, spec, e);
        }
    }

    /**
     * The clean-up will not finish: the cut-over phase failed as when a removal fails, so the run is rolled
     * back and its compensation removes what is left of the rehearsal.
     */
    @Override
    public void abandoned(EventEnvelope verified, String reason) {
        RunSpec spec = verified.payloadAs(VerificationPassed.class).spec();
        phaseRuns.abandoned(verified.migrationId(), Phase.CUTOVER, verified.attempt(), reason);
        failures.phaseFailed(verified, Phase.CUTOVER, spec, new PhaseFailure("the dry run's clean-up cannot finish: "
                + reason));
    }

    private void finishQuietly(EventEnvelope verified, Long phaseRun, String reason) {
        if (phaseRun == null) {
            return;
        }
        try {
            phaseRuns.finish(phaseRun, PhaseRun.Status.FAILED, reason);
        } catch (RuntimeException e) {
            // The failure events matter more than the ledger's record of them.
            Log.errorf(e, "[%s] cannot record the end of the dry run's clean-up", verified.migrationId());
        }
    }
}
