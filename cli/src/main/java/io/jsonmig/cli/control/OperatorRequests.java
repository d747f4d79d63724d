package io.jsonmig.cli.control;

import io.jsonmig.cli.ExitCodes;
import io.jsonmig.cli.kafka.RunEventSender;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.RetryRequested;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.state.PhaseState;
import io.jsonmig.events.state.PhaseStatus;
import io.jsonmig.events.state.RunState;
import io.jsonmig.events.state.RunStatus;

import java.time.Instant;

/**
 * What an operator may ask of a run, decided from its folded state alone: the event to publish, or a
 * refusal saying why not. Knows nothing of Kafka.
 */
final class OperatorRequests {

    /** Publishing the same abort of an attempt twice gives the same event id: the services handle it once. */
    static final String ABORT_STEP = "operator-abort";

    private OperatorRequests() {
    }

    /** A request the run's state does not allow, with the exit code that tells scripts. */
    static final class Refused extends RuntimeException {
        private final int exitCode;

        Refused(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }

    /** Rolls back the run's current attempt from the phase it is in. */
    static EventEnvelope abort(RunState run, String user, String reason, Instant now) {
        requireKnown(run);
        if (run.status() == RunStatus.ROLLED_BACK || run.status() == RunStatus.FAILED) {
            throw new Refused(ExitCodes.REFUSED, "run " + run.migrationId() + " is " + status(run) + " (attempt "
                    + run.attempt() + "): its rollback has finished already, there is nothing to abort"
                    + (run.status() == RunStatus.ROLLED_BACK ? "; './jsonmig retry " + run.migrationId()
                            + "' tries it again" : ""));
        }
        if (run.status() == RunStatus.COMPLETED) {
            throw new Refused(ExitCodes.REFUSED, "run " + run.migrationId() + " is " + status(run) + " (attempt "
                    + run.attempt() + "): the cut-over was announced and the application may already write to PostgreSQL; a "
                    + "rollback would drop those writes, so it is not started from here");
        }
        Phase current = run.phase() == null ? Phase.BACKUP : run.phase();
        String why = "aborted by " + user + (reason == null || reason.isBlank() ? "" : ": " + reason.strip());
        return EventEnvelope.of(run.migrationId(), run.attempt(), RunEventSender.PRODUCER, ABORT_STEP,
                new RollbackRequested(RollbackTrigger.OPERATOR_ABORT, why, current, run.spec()), now);
    }

    /** Starts the next attempt of a rolled-back run, from the phase that failed. */
    static EventEnvelope retry(RunState run, String user, String reason, Instant now) {
        requireKnown(run);
        if (run.status() != RunStatus.ROLLED_BACK) {
            throw new Refused(ExitCodes.REFUSED, "run " + run.migrationId() + " is " + status(run) + " (attempt "
                    + run.attempt() + "): only a rolled-back run can be retried"
                    + (run.status() == RunStatus.FAILED ? " (a compensation failed: an operator must look first)"
                            : ""));
        }
        if (run.spec() == null) {
            throw new Refused(ExitCodes.REFUSED, "run " + run.migrationId() + ": none of its events says what it "
                    + "migrates (no run spec), so it cannot be retried; start a new run");
        }
        return EventEnvelope.of(run.migrationId(), run.attempt() + 1, RunEventSender.PRODUCER, "",
                new RetryRequested(run.spec(), failedPhase(run), user,
                        reason == null || reason.isBlank() ? null : reason.strip()), now);
    }

    /** The first phase of the forward flow that failed; {@code null} when none says so. */
    static Phase failedPhase(RunState run) {
        for (PhaseState phase : run.phases().values()) {
            if (phase.phase() != Phase.ROLLBACK && phase.status() == PhaseStatus.FAILED) {
                return phase.phase();
            }
        }
        return null;
    }

    private static void requireKnown(RunState run) {
        if (run.seenEventIds().isEmpty()) {
            throw new Refused(ExitCodes.TIMEOUT, "no run " + run.migrationId() + " found: the broker holds none "
                    + "of its events");
        }
    }

    private static String status(RunState run) {
        return run.status().name();
    }
}
