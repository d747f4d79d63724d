package io.jsonmig.cli.watch;

import io.jsonmig.events.payload.Progress;
import io.jsonmig.events.state.RunState;
import io.jsonmig.events.state.TimelineEntry;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The line output for pipes, files and CI logs: the timeline entries not printed yet, in the order
 * of the folded {@link RunState#timeline()} (when they occurred), each once, plus the progress of
 * phases still running at most once per {@link #PROGRESS_INTERVAL}; the summary at the end. An
 * event read after a later one was printed is printed when it arrives. No escape codes.
 */
public final class PlainTimeline implements RunDisplay {

    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final PrintWriter out;
    private final Set<String> printed = new HashSet<>();
    private final Map<String, Progress> printedProgress = new HashMap<>();
    private Instant lastProgressPrint;

    public PlainTimeline(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void show(RunFollower run, Instant now) {
        for (TimelineEntry entry : run.state().timeline()) {
            if (printed.add(entry.eventId())) {
                print(entry.occurredAt(), run.label(entry), entry.summary());
            }
        }
        printProgress(run, now);
        out.flush();
    }

    @Override
    public void finish(WatchResult result, Duration timeout) {
        RunSummary.print(result, timeout, out);
    }

    private void printProgress(RunFollower run, Instant now) {
        RunState state = run.state();
        if (state.isFinished() || lastProgressPrint != null && now.isBefore(lastProgressPrint.plus(PROGRESS_INTERVAL))) {
            return;
        }
        boolean any = false;
        for (Map.Entry<String, Progress> entry : state.progress().entrySet()) {
            Progress progress = entry.getValue();
            if (progress.equals(printedProgress.get(entry.getKey()))
                    || state.phase(progress.phase()).status().isFinished()) {
                continue;
            }
            printedProgress.put(entry.getKey(), progress);
            Instant at = run.progressAt(entry.getKey());
            print(at == null ? now : at, progress.phase().name().toLowerCase(Locale.ROOT) + "/progress",
                    progressLine(progress));
            any = true;
        }
        if (any) {
            lastProgressPrint = now;
        }
    }

    private static String progressLine(Progress p) {
        if (Progress.WAITING_FOR_WINDOW.equals(p.item())) {
            return "waiting for the maintenance window (opens in " + RunSummary.human(Duration.ofSeconds(p.total())) + ")";
        }
        if (p.total() > 0) {
            return String.format("%s %d/%d (%d%%)", p.item(), p.done(), p.total(), p.done() * 100 / p.total());
        }
        return p.item() + " " + p.done() + (p.total() == 0 ? "/0" : "");
    }

    private void print(Instant at, String label, String summary) {
        out.printf("%s  %-33s %s%n", TIME.format(at), label, summary);
    }
}
