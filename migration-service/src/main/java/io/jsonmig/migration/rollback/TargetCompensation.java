package io.jsonmig.migration.rollback;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.support.job.Cancellation;
import io.jsonmig.support.job.JobInterruption;
import io.jsonmig.support.job.JobHandler;
import io.jsonmig.support.ledger.PhaseRun;
import io.jsonmig.support.ledger.PhaseRuns;
import io.jsonmig.support.messaging.EventPublisher;
import io.jsonmig.support.messaging.FailureReason;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * Compensates a run in its target ({@link TargetRemoval}). Always ends with exactly one rollback.step-completed
 * per rollback request, whatever fails, because backup-service waits for it.
 */
@ApplicationScoped
public class TargetCompensation implements JobHandler {

    /** The job of a {@code rollback.requested}. */
    public static final String JOB = "target-compensation";

    private final TargetRemoval removal;
    private final PhaseRuns phaseRuns;
    private final EventPublisher publisher;

    public TargetCompensation(TargetRemoval removal, PhaseRuns phaseRuns, EventPublisher publisher) {
        this.removal = removal;
        this.phaseRuns = phaseRuns;
        this.publisher = publisher;
    }

    @Override
    public String name() {
        return JOB;
    }

    /**
     * Whatever fails here, the ledger included, ends in the step event. A compensation is never
     * cancelled; after a crash it runs again and finds what is left to undo.
     */
    @Override
    public void run(EventEnvelope requested, Cancellation cancellation) {
        RunSpec spec = requested.payload() instanceof RollbackRequested request ? request.spec() : null;
        List<String> actions = new ArrayList<>();
        Long phaseRun = null;
        boolean succeeded;
        try {
            // Recorded first: a migration that has not captured the target yet sees it and stays away.
            phaseRun = phaseRuns.start(requested.migrationId(), Phase.ROLLBACK, requested.attempt());
            succeeded = removal.remove(requested.migrationId(), actions);
        } catch (JobInterruption e) {
            throw e; // runs again: the compensation finds what is left to undo
        } catch (RuntimeException e) {
            Log.errorf(e, "[%s] compensation failed", requested.migrationId());
            actions.add("compensation failed: " + FailureReason.of(e));
            succeeded = false;
        }
        finishQuietly(requested, phaseRun, succeeded, actions);
        publisher.publish(requested, step(requested), new RollbackStepCompleted(
                RollbackStepCompleted.TARGET_COMPENSATOR, Phase.MIGRATION, actions, succeeded, spec));
    }

    /**
     * The compensation will not finish (an error, a service that died under it): its step is reported failed,
     * saying why, so that backup-service still confirms the JSON files and the rollback ends; what is left in
     * the target stays recorded, for the next rollback of the run to find.
     */
    @Override
    public void abandoned(EventEnvelope requested, String reason) {
        RunSpec spec = requested.payload() instanceof RollbackRequested request ? request.spec() : null;
        phaseRuns.abandoned(requested.migrationId(), Phase.ROLLBACK, requested.attempt(), reason);
        publisher.publish(requested, step(requested), new RollbackStepCompleted(
                RollbackStepCompleted.TARGET_COMPENSATOR, Phase.MIGRATION,
                List.of("compensation failed: " + reason), false, spec));
    }

    /**
     * One step per rollback request: a second request in the same attempt (an operator abort after a
     * failed verification, say) gets a step event of its own instead of one that consumers drop as a
     * duplicate of the first.
     */
    static String step(EventEnvelope requested) {
        return RollbackStepCompleted.TARGET_COMPENSATOR + "|" + requested.eventId();
    }

    private void finishQuietly(EventEnvelope requested, Long phaseRun, boolean succeeded, List<String> actions) {
        if (phaseRun == null) {
            return;
        }
        try {
            phaseRuns.finish(phaseRun, succeeded ? PhaseRun.Status.SUCCEEDED : PhaseRun.Status.FAILED,
                    String.join("; ", actions));
        } catch (RuntimeException e) {
            // The step event matters more than the ledger's record of it.
            Log.errorf(e, "[%s] cannot record the end of the compensation", requested.migrationId());
        }
    }
}
