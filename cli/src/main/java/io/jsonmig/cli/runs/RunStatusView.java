package io.jsonmig.cli.runs;

import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.CollectionCheck;
import io.jsonmig.events.payload.MaintenanceWindow;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.events.payload.TableLoad;
import io.jsonmig.events.state.PhaseState;
import io.jsonmig.events.state.PhaseStatus;
import io.jsonmig.events.state.RunState;
import io.jsonmig.events.state.TimelineEntry;
import io.jsonmig.cli.watch.WindowTexts;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** One run as {@code status ID} prints it: where it stands now, and what to do next. */
final class RunStatusView {

    private RunStatusView() {
    }

    static void print(RunHistory run, Instant now, PrintWriter out) {
        RunState state = run.state();
        out.printf("Run %s: %s (attempt %d)%s%n", state.migrationId(), state.status(), state.attempt(),
                meaning(state));
        run.trace().ifPresent(trace -> line(out, "trace", trace));
        if (state.spec() != null) {
            line(out, "target profile", state.spec().targetProfile() + " (source " + state.spec().sourceDir() + ")");
            MaintenanceWindow window = state.spec().maintenanceWindow();
            if (window != null) {
                line(out, "maintenance", RunTexts.dateTime(window.scheduledAt()) + ", expected downtime "
                        + RunTexts.duration(window.expectedDowntime()));
            }
        }
        if (state.startedAt() != null) {
            line(out, "started", RunTexts.dateTime(state.startedAt()) + " ("
                    + RunTexts.duration(Duration.between(state.startedAt(), now)) + " ago)");
        }
        if (!state.timeline().isEmpty()) {
            TimelineEntry last = state.timeline().get(state.timeline().size() - 1);
            line(out, "last event", RunTexts.time(last.occurredAt()) + " ("
                    + RunTexts.duration(Duration.between(last.occurredAt(), now)) + " ago) " + last.summary());
        }
        phases(state, now, out);
        if (!state.isFinished() && !state.progress().isEmpty()) {
            out.println("  progress");
            state.progress().values().forEach(p -> out.printf("    %-28s %s%n",
                    RunTexts.phase(p.phase()) + "/" + p.item(), progress(p, state, now)));
        }
        List<TableLoad> tables = run.tables();
        if (!tables.isEmpty() || state.rowsLoaded() > 0) {
            line(out, "rows loaded", state.rowsLoaded() + (tables.isEmpty() ? "" : tables.stream()
                    .map(t -> t.table() + " " + t.rows() + (t.rejected() > 0 ? " (+" + t.rejected() + " rejected)" : ""))
                    .collect(Collectors.joining(", ", " (", ")"))));
        }
        if (!state.checks().isEmpty()) {
            line(out, "checks", state.checks().stream().map(RunStatusView::check).collect(Collectors.joining(", ")));
        }
        if (run.reportLocation() != null) {
            line(out, "report", run.reportLocation() + ".html");
        }
        String window = WindowTexts.brief(state, now);
        if (window != null) {
            line(out, "window", window);
        }
        if (state.failureReason() != null) {
            line(out, "failure", state.failureReason());
        }
        if (state.rollbackTrigger() != null) {
            line(out, "rollback trigger", state.rollbackTrigger().name());
        }
        state.warnings().forEach(w -> line(out, "WARNING", w));
        if (!state.rollbackActions().isEmpty()) {
            out.println("  rollback actions");
            state.rollbackActions().forEach(a -> out.printf("    - %s%n", a));
        }
        List<NextStep> next = NextStep.of(run);
        if (!next.isEmpty()) {
            out.println();
            out.println("Next:");
            TextTable steps = new TextTable("action", "command");
            next.forEach(step -> steps.row(step.action() + ":", step.command()));
            steps.printRows(out, "  ");
        }
        out.flush();
    }

    private static String meaning(RunState state) {
        return switch (state.status()) {
            case REQUESTED -> ": requested, no phase has reported yet";
            case RUNNING -> ", phase " + RunTexts.phase(state.phase());
            case STABILIZING -> ": " + WindowTexts.cutOver(state, Instant.now());
            case COMPLETED -> RunTable.dryRun(state)
                    ? ": dry run verified, its throwaway schema removed, nothing cut over" : ": verified, cut-over ready";
            case ROLLING_BACK -> ": rolling back";
            case ROLLED_BACK -> ": rolled back, the application is back on its JSON files";
            case FAILED -> ": a compensation failed, an operator must look";
        };
    }

    private static void phases(RunState state, Instant now, PrintWriter out) {
        TextTable table = new TextTable("phase", "status", "started", "duration");
        for (Phase phase : Phase.values()) {
            PhaseState p = state.phase(phase);
            if (p.status() == PhaseStatus.PENDING && (phase == Phase.ROLLBACK || state.isFinished())
                    || !WindowTexts.shows(state, phase)) {
                continue;
            }
            String duration = p.duration() != null ? RunTexts.duration(p.duration())
                    : p.status() == PhaseStatus.RUNNING && p.startedAt() != null
                    ? RunTexts.duration(Duration.between(p.startedAt(), now)) + " so far" : null;
            table.row(RunTexts.phase(phase), p.status(), RunTexts.time(p.startedAt()), duration);
        }
        table.print(out, "  ");
    }

    private static String progress(Progress p, RunState state, Instant now) {
        if (Progress.WAITING_FOR_WINDOW.equals(p.item())) {
            MaintenanceWindow window = state.spec() == null ? null : state.spec().maintenanceWindow();
            return window == null ? "waiting for the maintenance window"
                    : "waiting for the maintenance window (opens " + RunTexts.dateTime(window.scheduledAt())
                    + (window.scheduledAt().isAfter(now)
                    ? ", in " + RunTexts.duration(Duration.between(now, window.scheduledAt())) : "") + ")";
        }
        StringBuilder text = new StringBuilder().append(p.done());
        if (p.total() >= 0) {
            text.append('/').append(p.total());
            if (p.total() > 0) {
                text.append(" (").append(p.done() * 100 / p.total()).append("%)");
            }
        }
        if (p.rate() != null) {
            text.append(String.format(Locale.ROOT, ", %.0f/s", p.rate()));
        }
        if (p.etaSeconds() != null) {
            text.append(", ").append(RunTexts.duration(Duration.ofSeconds(p.etaSeconds()))).append(" left");
        }
        return text.toString();
    }

    private static String check(CollectionCheck c) {
        return c.table() + " " + c.actual() + "/" + c.expected() + (c.passed() ? " ok" : " MISMATCH");
    }

    private static void line(PrintWriter out, String label, String value) {
        out.printf("  %-16s %s%n", label, value);
    }
}
