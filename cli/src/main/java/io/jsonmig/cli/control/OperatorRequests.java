package io.jsonmig.cli.control;

import io.jsonmig.cli.ExitCodes;
import io.jsonmig.cli.kafka.RunEventSender;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.Finalization;
import io.jsonmig.events.payload.RetryRequested;
import io.jsonmig.events.payload.RunFinalized;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.state.PhaseState;
import io.jsonmig.events.state.PhaseStatus;
import io.jsonmig.events.state.RunState;
import io.jsonmig.events.state.RunStatus;
import io.jsonmig.events.state.StabilizationWindow;

import java.time.Instant;

/**
 * What an operator may ask of a run, decided from its folded state alone: the event to publish, or a
 * refusal saying why not. Knows nothing of Kafka.
 */
final class OperatorRequests {

    /** Publishing the same abort of an attempt twice gives the same event id: the services handle it once. */
    static final String ABORT_STEP = "operator-abort";
    /** One rollback of an attempt, whoever asks for it and however often: a second request is a no-op. */
    static final String ROLLBACK_STEP = "operator-rollback";
    /** The same step as the window's own end: one run.finalized per attempt, whichever comes first. */
    static final String FINALIZE_STEP = "";

    /** The triggers of a rollback after the cut-over, as the flag takes them. */
    static final String TRIGGERS = "functionality|performance|integrity|security";

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
        if (run.status() == RunStatus.STABILIZING) {
            throw new Refused(ExitCodes.REFUSED, "run " + run.migrationId() + " is cut over and in its stabilization "
                    + "window (attempt " + run.attempt() + "): the application may be writing to PostgreSQL, and an abort "
                    + "would drop those writes. A rollback that carries them back to the JSON files is './jsonmig "
                    + "rollback " + run.migrationId() + " --trigger " + TRIGGERS + " --reason ...'");
        }
        if (run.status() == RunStatus.COMPLETED) {
            throw new Refused(ExitCodes.REFUSED, completed(run));
        }
        Phase current = run.phase() == null ? Phase.BACKUP : run.phase();
        String why = "aborted by " + user + (reason == null || reason.isBlank() ? "" : ": " + reason.strip());
        return EventEnvelope.of(run.migrationId(), run.attempt(), RunEventSender.PRODUCER, ABORT_STEP,
                new RollbackRequested(RollbackTrigger.OPERATOR_ABORT, why, current, run.spec()), now);
    }

    /**
     * Goes back to the JSON files. Within the stabilization window the rollback carries every write made in
     * PostgreSQL since the cut-over back into them; before the cut-over it is an abort with a named trigger.
     */
    static EventEnvelope rollback(RunState run, RollbackTrigger trigger, String user, String reason, Instant now) {
        requireKnown(run);
        String why = trigger.name().toLowerCase(java.util.Locale.ROOT) + ", rolled back by " + user
                + (reason == null || reason.isBlank() ? "" : ": " + reason.strip());
        return switch (run.status()) {
            // the application writes to PostgreSQL: migration-service fences, exports and has the export verified
            case STABILIZING -> EventEnvelope.of(run.migrationId(), run.attempt(), RunEventSender.PRODUCER,
                    ROLLBACK_STEP, RollbackRequested.afterCutover(trigger, why, run.spec()), now);
            case REQUESTED, RUNNING -> EventEnvelope.of(run.migrationId(), run.attempt(), RunEventSender.PRODUCER,
                    ROLLBACK_STEP, new RollbackRequested(trigger, why, run.phase() == null ? Phase.BACKUP : run.phase(),
                            run.spec()), now);
            case ROLLING_BACK -> throw new Refused(ExitCodes.REFUSED, "run " + run.migrationId() + " is rolling back "
                    + "already (attempt " + run.attempt() + "); follow it with: ./jsonmig watch " + run.migrationId());
            case ROLLED_BACK, FAILED -> throw new Refused(ExitCodes.REFUSED, "run " + run.migrationId() + " is "
                    + status(run) + " (attempt " + run.attempt() + "): its rollback has finished already"
                    + (run.status() == RunStatus.ROLLED_BACK ? "; './jsonmig retry " + run.migrationId()
                            + "' tries it again" : ""));
            case COMPLETED -> throw new Refused(ExitCodes.REFUSED, completed(run));
        };
    }

    /** Ends the stabilization window now: the run is COMPLETED, and the way back is closed. */
    static EventEnvelope finalize(RunState run, String user, String note, Instant now) {
        requireKnown(run);
        if (run.status() != RunStatus.STABILIZING) {
            throw new Refused(ExitCodes.REFUSED, "run " + run.migrationId() + " is " + status(run) + " (attempt "
                    + run.attempt() + "): only a run in its stabilization window can be finalized"
                    + (run.status() == RunStatus.COMPLETED ? "; " + completed(run) : ""));
        }
        return EventEnvelope.of(run.migrationId(), run.attempt(), RunEventSender.PRODUCER, FINALIZE_STEP,
                new RunFinalized(Finalization.OPERATOR, user, note == null || note.isBlank() ? null : note.strip()), now);
    }

    /** Why a completed run has no way back from here. */
    private static String completed(RunState run) {
        StabilizationWindow window = run.stabilization();
        String id = run.migrationId();
        if (run.spec() != null && run.spec().dryRun()) {
            return "run " + id + " is a dry run that completed (attempt " + run.attempt() + "): nothing was cut over "
                    + "and its throwaway schema is removed, so there is nothing to roll back";
        }
        if (window != null && window.isFinalized()) {
            return "run " + id + " was finalized at " + window.finalizedAt() + " by " + window.finalizedBy()
                    + " (attempt " + run.attempt() + "): its stabilization window is over and the way back to the "
                    + "JSON files is closed; the application's data lives in PostgreSQL now";
        }
        return "run " + id + " is COMPLETED (attempt " + run.attempt() + ") and had no stabilization window: the "
                + "cut-over was announced and the application may already write to PostgreSQL; a rollback would "
                + "drop those writes, so it is not started from here";
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
