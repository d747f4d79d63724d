package io.jsonmig.notification.status;

import io.jsonmig.events.Phase;
import io.jsonmig.events.state.RunStatus;
import io.jsonmig.notification.timeline.RunSummary;

import java.time.Duration;
import java.time.Instant;

/**
 * One line of the run list, with a small progress indicator: how many of the forward phases
 * (backup, migration, verification, cut-over) are behind the run.
 *
 * @param phasesDone {@code -1} once the run is rolling back, when forward progress no longer means anything
 */
public record RunRow(RunSummary run, int phasesDone, int phasesTotal) {

    static final int FORWARD_PHASES = Phase.ROLLBACK.ordinal();

    static RunRow of(RunSummary run) {
        int done;
        if (run.status() == RunStatus.COMPLETED) {
            done = FORWARD_PHASES;
        } else if (run.phase() == Phase.ROLLBACK || run.status().ordinal() > RunStatus.COMPLETED.ordinal()) {
            done = -1;
        } else {
            done = run.phase() == null ? 0 : run.phase().ordinal();
        }
        return new RunRow(run, done, FORWARD_PHASES);
    }

    /** The run's badge: its status in a word and a colour. */
    public StatusWords.Badge badge() {
        return StatusWords.of(run.status());
    }

    /** The phase the run is in, in words. */
    public String phaseName() {
        return run.phase() == null ? "–" : StatusWords.name(run.phase());
    }

    /** As {@code jsonmig list}: start to the last event; for a run still going, until now. */
    public String duration() {
        if (run.startedAt() == null) {
            return "–";
        }
        Instant end = run.status().isTerminal() && run.updatedAt() != null ? run.updatedAt() : Instant.now();
        return StatusFormat.text(Duration.between(run.startedAt(), end));
    }
}
