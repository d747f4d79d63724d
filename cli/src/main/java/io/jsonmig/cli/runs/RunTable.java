package io.jsonmig.cli.runs;

import io.jsonmig.cli.watch.WindowTexts;
import io.jsonmig.events.state.RunState;
import io.jsonmig.events.state.RunStatus;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Runs one line each, as {@code list} and {@code status} without an id print them. */
final class RunTable {

    static final int REASON_WIDTH = 60;

    private RunTable() {
    }

    static void print(List<RunHistory> runs, Instant now, PrintWriter out) {
        TextTable table = new TextTable("ID", "STATUS", "PHASE", "ATTEMPT", "TARGET", "STARTED", "DURATION", "OUTCOME");
        for (RunHistory run : runs) {
            RunState state = run.state();
            table.row(state.migrationId(), state.status(), RunTexts.phase(state.phase()), state.attempt(),
                    state.spec() == null ? null : state.spec().targetProfile(), RunTexts.dateTime(state.startedAt()),
                    duration(run, now), outcome(state, now));
        }
        table.print(out, "");
    }

    /** A finished run: from its start to its last event; one still going: from its start until now. */
    private static String duration(RunHistory run, Instant now) {
        RunState state = run.state();
        Instant end = state.isFinished() ? state.updatedAt() : now;
        return end == null ? null : RunTexts.duration(Duration.between(run.sortTime(), end));
    }

    static boolean dryRun(RunState state) {
        return state.spec() != null && state.spec().dryRun();
    }

    private static String outcome(RunState state, Instant now) {
        String reason = RunTexts.shorten(state.failureReason(), REASON_WIDTH);
        if (state.status() == RunStatus.STABILIZING) {
            return state.rowsLoaded() + " rows loaded; cut over, window " + WindowTexts.brief(state, now);
        }
        if (state.status() == RunStatus.COMPLETED) {
            return (dryRun(state) ? "dry run: " + state.rowsLoaded() + " rows loaded and verified, nothing cut over"
                    : state.rowsLoaded() + " rows loaded") + (state.warnings().isEmpty() ? ""
                    : "; WARNING: the JSON files changed after the backup");
        }
        if (state.isFinished()) {
            return reason != null ? reason
                    : state.rollbackTrigger() != null ? "rolled back (" + state.rollbackTrigger() + ")" : null;
        }
        String lastEvent = state.updatedAt() == null ? "no event yet"
                : "last phase event " + RunTexts.duration(Duration.between(state.updatedAt(), now)) + " ago";
        return reason == null ? lastEvent : lastEvent + "; " + reason;
    }
}
