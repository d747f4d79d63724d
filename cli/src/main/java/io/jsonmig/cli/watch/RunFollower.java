package io.jsonmig.cli.watch;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.BackupCompleted;
import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.DryRunCompleted;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.events.payload.TableLoad;
import io.jsonmig.events.payload.VerificationFailed;
import io.jsonmig.events.payload.VerificationPassed;
import io.jsonmig.events.state.RunState;
import io.jsonmig.events.state.RunStateMachine;
import io.jsonmig.events.state.TimelineEntry;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds a run's events as they are read, and hands the run to a {@link RunDisplay} on every
 * {@link #print}. Besides the folded {@link RunState} it keeps what a display needs and the state
 * does not: each timeline entry's event (the timeline keeps no payload), when each item's progress
 * occurred, the first progress of each item (for a rate where the event has none), the rows per
 * table and the report. Events folded before a print, from any number of batches, are folded in
 * occurrence order. Knows nothing of Kafka or terminals.
 */
public final class RunFollower {

    private static final Comparator<EventEnvelope> OCCURRENCE = Comparator.comparing(EventEnvelope::occurredAt)
            .thenComparing(e -> e.type().ordinal());

    private final RunDisplay display;
    private RunState state;
    private List<TableLoad> tables = List.of();
    private String reportLocation;
    private Long snapshotRecords;
    private int eventsSeen;
    private final Map<String, EventEnvelope> timelineEvents = new HashMap<>();
    private final Map<String, Instant> progressAt = new HashMap<>();
    private final Map<String, ItemProgress.Sample> firstProgress = new HashMap<>();
    /** The attempt whose progress {@link #progressAt} and {@link #firstProgress} hold. */
    private int attemptOfProgress = 1;

    /** A follower that prints the plain timeline to {@code out}. */
    public RunFollower(String migrationId, PrintWriter out) {
        this(migrationId, new PlainTimeline(out));
    }

    public RunFollower(String migrationId, RunDisplay display) {
        this.state = RunState.initial(migrationId);
        this.display = display;
    }

    /** Folds one poll's events of this run and shows what is new: {@link #fold} then {@link #print}. */
    public void accept(List<EventEnvelope> batch, Instant now) {
        fold(batch);
        print(now);
    }

    /**
     * Folds events of this run, in the order they occurred (phases start when their first event
     * occurred, whatever order the events were read in), without showing anything.
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
            if (state.attempt() > attemptOfProgress) {
                // a retry begins afresh: the previous attempt's progress is gone from the state too
                attemptOfProgress = state.attempt();
                progressAt.clear();
                firstProgress.clear();
                snapshotRecords = null;
            }
            if (event.payload() instanceof Progress progress) {
                if (event.attempt() == state.attempt()) {
                    rememberProgress(event, progress);
                }
            } else {
                timelineEvents.put(event.eventId(), event);
                remember(event);
            }
        }
    }

    /** Shows the run as folded so far. */
    public void print(Instant now) {
        display.show(this, now);
    }

    /** Events of the run folded so far (progress included). */
    public int eventsSeen() {
        return eventsSeen;
    }

    public RunState state() {
        return state;
    }

    public boolean finished() {
        return state.isSettled();
    }

    public WatchResult result() {
        return result(WatchOutcome.of(state.status()));
    }

    public WatchResult result(WatchOutcome outcome) {
        return new WatchResult(state, outcome, tables, reportLocation, eventsSeen);
    }

    /** The event of a timeline entry; {@code null} for an entry this follower did not fold. */
    EventEnvelope event(TimelineEntry entry) {
        return timelineEvents.get(entry.eventId());
    }

    /** The {@code phase/type} label of a timeline entry, e.g. {@code migration/data.migrated}. */
    String label(TimelineEntry entry) {
        EventEnvelope event = event(entry);
        return event == null ? entry.type().wireName() : EventLabels.of(event);
    }

    /** When the latest progress of {@code PHASE/item} occurred; {@code null} when none was folded. */
    Instant progressAt(String key) {
        return progressAt.get(key);
    }

    /** The collections or tables of a phase with progress in the current attempt, in the order they appeared. */
    List<ItemProgress> items(Phase phase) {
        List<ItemProgress> items = new ArrayList<>();
        state.progress().forEach((key, progress) -> {
            if (progress.phase() == phase && !Progress.WAITING_FOR_WINDOW.equals(progress.item())) {
                items.add(ItemProgress.of(progress, progressAt.get(key), firstProgress.get(key)));
            }
        });
        return items;
    }

    /** Records in the snapshot of the current attempt's backup; {@code null} before there is one. */
    Long snapshotRecords() {
        return snapshotRecords;
    }

    private void rememberProgress(EventEnvelope event, Progress progress) {
        String key = progress.phase() + "/" + progress.item();
        progressAt.merge(key, event.occurredAt(), (a, b) -> a.isAfter(b) ? a : b);
        ItemProgress.Sample sample = new ItemProgress.Sample(progress.done(), event.occurredAt());
        firstProgress.merge(key, sample, (known, next) -> next.at().isBefore(known.at()) ? next : known);
    }

    private void remember(EventEnvelope event) {
        if (event.payload() instanceof BackupCompleted backup && event.attempt() == state.attempt()) {
            snapshotRecords = backup.snapshot().totalRecords();
        } else if (event.payload() instanceof DataMigrated migrated) {
            tables = List.copyOf(migrated.tables());
        } else if (event.payload() instanceof VerificationPassed passed) {
            reportLocation = passed.reportLocation();
        } else if (event.payload() instanceof VerificationFailed failed) {
            reportLocation = failed.reportLocation();
        } else if (event.payload() instanceof DryRunCompleted dryRun && dryRun.reportLocation() != null) {
            reportLocation = dryRun.reportLocation();
        }
    }
}
