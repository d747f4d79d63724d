package io.jsonmig.cli.watch;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.events.payload.TableLoad;
import io.jsonmig.events.payload.VerificationFailed;
import io.jsonmig.events.payload.VerificationPassed;
import io.jsonmig.events.state.RunState;
import io.jsonmig.events.state.RunStateMachine;
import io.jsonmig.events.state.TimelineEntry;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Folds a run's events as they are read and prints the timeline entries not printed yet, in the
 * order of the folded {@link RunState#timeline()} (when they occurred), plus the progress of phases
 * still running at most once per {@link #PROGRESS_INTERVAL}. Events folded before a print, from any
 * number of batches, come out in occurrence order; an event read after a later one was printed is
 * printed when it arrives. Knows nothing of Kafka.
 */
public final class RunFollower {

    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private static final Comparator<EventEnvelope> OCCURRENCE = Comparator.comparing(EventEnvelope::occurredAt)
            .thenComparing(e -> e.type().ordinal());

    private final PrintWriter out;
    private RunState state;
    private List<TableLoad> tables = List.of();
    private String reportLocation;
    private int eventsSeen;
    /** The {@code phase/type} label of each folded event, by event id: the timeline keeps no payload. */
    private final Map<String, String> labels = new HashMap<>();
    private final Set<String> printed = new HashSet<>();
    private final Map<String, Progress> printedProgress = new HashMap<>();
    private final Map<String, Instant> progressOccurredAt = new HashMap<>();
    private Instant lastProgressPrint;

    public RunFollower(String migrationId, PrintWriter out) {
        this.state = RunState.initial(migrationId);
        this.out = out;
    }

    /** Folds one poll's events of this run and prints what is new: {@link #fold} then {@link #print}. */
    public void accept(List<EventEnvelope> batch, Instant now) {
        fold(batch);
        print(now);
    }

    /**
     * Folds events of this run, in the order they occurred (phases start when their first event
     * occurred, whatever order the events were read in), without printing anything.
     */
    public void fold(List<EventEnvelope> batch) {
        List<EventEnvelope> ordered = new ArrayList<>(batch);
        ordered.sort(OCCURRENCE);
        for (EventEnvelope event : ordered) {
            RunState before = state;
            state = RunStateMachine.apply(state, event);
            if (state == before) {
                continue;
            }
            eventsSeen++;
            remember(event);
            if (event.payload() instanceof Progress progress) {
                progressOccurredAt.merge(progress.phase() + "/" + progress.item(), event.occurredAt(),
                        (a, b) -> a.isAfter(b) ? a : b);
            } else {
                labels.put(event.eventId(), EventLabels.of(event));
            }
        }
    }

    /** Prints the timeline entries not printed yet, in occurrence order, then progress that is due. */
    public void print(Instant now) {
        for (TimelineEntry entry : state.timeline()) {
            if (printed.add(entry.eventId())) {
                print(entry.occurredAt(), labels.getOrDefault(entry.eventId(), entry.type().wireName()), entry.summary());
            }
        }
        printProgress(now);
        out.flush();
    }

    /** Events of the run folded so far (progress included). */
    public int eventsSeen() {
        return eventsSeen;
    }

    public RunState state() {
        return state;
    }

    public boolean finished() {
        return state.isFinished();
    }

    public WatchResult result() {
        return result(WatchOutcome.of(state.status()));
    }

    public WatchResult result(WatchOutcome outcome) {
        return new WatchResult(state, outcome, tables, reportLocation, eventsSeen);
    }

    private void remember(EventEnvelope event) {
        if (event.payload() instanceof DataMigrated migrated) {
            tables = List.copyOf(migrated.tables());
        } else if (event.payload() instanceof VerificationPassed passed) {
            reportLocation = passed.reportLocation();
        } else if (event.payload() instanceof VerificationFailed failed) {
            reportLocation = failed.reportLocation();
        }
    }

    private void printProgress(Instant now) {
        if (state.isFinished() || lastProgressPrint != null && now.isBefore(lastProgressPrint.plus(PROGRESS_INTERVAL))) {
            return;
        }
        boolean printed = false;
        for (Map.Entry<String, Progress> entry : state.progress().entrySet()) {
            Progress progress = entry.getValue();
            if (progress.equals(printedProgress.get(entry.getKey()))
                    || state.phase(progress.phase()).status().isFinished()) {
                continue;
            }
            printedProgress.put(entry.getKey(), progress);
            print(progressOccurredAt.getOrDefault(entry.getKey(), now), progress.phase().name().toLowerCase(Locale.ROOT) + "/progress",
                    progressLine(progress));
            printed = true;
        }
        if (printed) {
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
