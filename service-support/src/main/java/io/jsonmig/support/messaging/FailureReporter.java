package io.jsonmig.support.messaging;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.PhaseFailed;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.support.job.JobInterruption;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Turns a failed phase into its two events: phase failed, then rollback requested. */
@ApplicationScoped
public class FailureReporter {

    private final EventPublisher publisher;

    public FailureReporter(EventPublisher publisher) {
        this.publisher = publisher;
    }

    public void phaseFailed(EventEnvelope cause, Phase phase, RunSpec spec, PhaseFailure failure) {
        Log.errorf("[%s] %s failed: %s%n  %s", cause.migrationId(), phase, failure.getMessage(),
                String.join("\n  ", failure.problems()));
        publisher.publish(cause, phase.name(), new PhaseFailed(phase, failure.getMessage(), failure.problems(), spec));
        requestRollback(cause, phase, spec, RollbackTrigger.PHASE_FAILED, failure.getMessage());
    }

    public void requestRollback(EventEnvelope cause, Phase phase, RunSpec spec, RollbackTrigger trigger,
                                String reason) {
        publisher.publish(cause, phase.name(), new RollbackRequested(trigger, reason, phase, spec));
    }

    /**
     * An unexpected error is still a failed phase: the run must roll back, not hang. A
     * {@link JobInterruption} is passed on to the job worker.
     */
    public void phaseFailed(EventEnvelope cause, Phase phase, RunSpec spec, RuntimeException unexpected) {
        if (unexpected instanceof JobInterruption interruption) {
            throw interruption; // cancelled, or to be run again: not a failure of the phase
        }
        if (unexpected instanceof PhaseFailure failure) {
            phaseFailed(cause, phase, spec, failure);
            return;
        }
        Log.errorf(unexpected, "[%s] %s failed unexpectedly", cause.migrationId(), phase);
        String reason = FailureReason.of(unexpected);
        phaseFailed(cause, phase, spec, new PhaseFailure("unexpected error: " + reason, List.of(reason)));
    }
}
