package io.jsonmig.cli.watch;

import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.CollectionCheck;
import io.jsonmig.events.payload.DryRuns;
import io.jsonmig.events.payload.MaintenanceWindow;
import io.jsonmig.events.state.PhaseState;
import io.jsonmig.events.state.PhaseStatus;
import io.jsonmig.events.state.RunState;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;

/** The few lines an operator reads when a watch ends. */
public final class RunSummary {

    private RunSummary() {
    }

    public static void print(WatchResult result, Duration timeout, PrintWriter out) {
        RunState state = result.state();
        out.println();
        if (result.outcome() == WatchOutcome.NOT_FOUND) {
            out.printf("no run %s found: the broker had no event of it when the watch started, and none arrived "
                    + "since. Is the id right? ('jsonmig start' prints it)%n", state.migrationId());
            out.flush();
            return;
        }
        if (result.eventsSeen() == 0) {
            out.printf("Run %s: no events within %s. Is the id right? ('jsonmig start' prints it)%n",
                    state.migrationId(), human(timeout));
            out.flush();
            return;
        }
        String status = result.outcome() == WatchOutcome.TIMED_OUT
                ? "still " + state.status() + " after " + human(timeout) + " (watch timed out)"
                : state.status() + ": " + result.outcome().meaning(state);
        out.printf("Run %s %s%n", state.migrationId(), status);
        if (state.spec() != null) {
            out.printf("  target profile   %s (source %s)%n", state.spec().targetProfile(), state.spec().sourceDir());
            MaintenanceWindow window = state.spec().maintenanceWindow();
            if (window != null) {
                out.printf("  maintenance      %s, expected downtime %s%n", window.scheduledAt(),
                        human(window.expectedDowntime()));
            }
        }
        out.printf("  %-16s %-10s %9s%n", "phase", "status", "duration");
        for (Phase phase : Phase.values()) {
            PhaseState p = state.phase(phase);
            if (p.status() == PhaseStatus.PENDING && (phase == Phase.ROLLBACK || state.isFinished())) {
                continue;
            }
            out.printf("  %-16s %-10s %9s%s%n", phase.name().toLowerCase(Locale.ROOT), p.status(),
                    p.duration() == null ? "-" : human(p.duration()), p.status() == PhaseStatus.SKIPPED
                            ? "  dry run: nothing cut over; schema " + DryRuns.schemaFor(state.migrationId())
                            + " removed" : "");
        }
        if (!result.tables().isEmpty() || state.rowsLoaded() > 0) {
            out.printf("  rows loaded      %d%s%n", state.rowsLoaded(), result.tables().isEmpty() ? ""
                    : result.tables().stream().map(t -> t.table() + " " + t.rows())
                            .collect(Collectors.joining(", ", " (", ")")));
        }
        if (!state.checks().isEmpty()) {
            out.printf("  checks           %s%n", state.checks().stream().map(RunSummary::check)
                    .collect(Collectors.joining(", ")));
        }
        if (result.startToCutover() != null) {
            out.printf("  start to cut-over ready  %s%n", human(result.startToCutover()));
        }
        String window = WindowTexts.brief(state, java.time.Instant.now());
        if (window != null) {
            out.printf("  window           %s%n", window);
        }
        if (state.failureReason() != null) {
            out.printf("  failure          %s%n", state.failureReason());
        }
        state.warnings().forEach(w -> out.printf("  WARNING          %s%n", w));
        if (!state.rollbackActions().isEmpty()) {
            out.println("  rollback actions");
            state.rollbackActions().forEach(a -> out.printf("    - %s%n", a));
        }
        out.flush();
    }

    private static String check(CollectionCheck c) {
        return c.table() + " " + c.actual() + "/" + c.expected() + (c.passed() ? " ok" : " MISMATCH");
    }

    public static String human(Duration d) {
        if (d.toMillis() < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
        }
        long seconds = d.toSeconds();
        return seconds >= 3600 ? String.format("%dh%02dm%02ds", seconds / 3600, seconds % 3600 / 60, seconds % 60)
                : String.format("%dm%02ds", seconds / 60, seconds % 60);
    }
}
