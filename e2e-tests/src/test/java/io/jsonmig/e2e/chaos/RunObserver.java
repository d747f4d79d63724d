package io.jsonmig.e2e.chaos;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.testing.EventProbe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one run has shown so far, from its events on the broker: when each type first arrived, how
 * far the load is, and whether the run has reached an end state.
 */
final class RunObserver {

    private final EventProbe probe;
    private final String migrationId;
    private final long totalRecords;
    private final Instant start;
    private final List<EventEnvelope> events = new ArrayList<>();
    private final Map<EventType, Instant> firstArrival = new EnumMap<>(EventType.class);
    private final Map<String, Long> loadedByTable = new HashMap<>();

    RunObserver(EventProbe probe, String migrationId, long totalRecords, Instant start) {
        this.probe = probe;
        this.migrationId = migrationId;
        this.totalRecords = totalRecords;
        this.start = start;
    }

    /** Takes in the events that arrived since the last call (polls the broker briefly). */
    void refresh() {
        List<EventEnvelope> all = probe.eventsOf(migrationId);
        Instant now = Instant.now();
        for (EventEnvelope event : all.subList(events.size(), all.size())) {
            events.add(event);
            firstArrival.putIfAbsent(event.type(), now);
            if (event.payload() instanceof Progress p && p.phase() == Phase.MIGRATION) {
                loadedByTable.merge(p.item(), p.done(), Math::max);
            }
        }
    }

    Optional<Instant> firstArrival(EventType type) {
        return Optional.ofNullable(firstArrival.get(type));
    }

    /** The share of the records the migration's progress events count as done (0 until the load reports). */
    double loadFraction() {
        long done = loadedByTable.values().stream().mapToLong(Long::longValue).sum();
        return totalRecords == 0 ? 0 : (double) done / totalRecords;
    }

    /** The end state the events show, if any: cut-over ready, datasource reverted, or a failed rollback step. */
    Optional<EndState> endState() {
        if (has(EventType.CUTOVER_READY) && has(EventType.DATASOURCE_REVERTED)) {
            return Optional.of(EndState.CONTRADICTORY);
        }
        if (has(EventType.CUTOVER_READY)) {
            return Optional.of(EndState.COMPLETED);
        }
        if (failedRollbackSteps() > 0) {
            return Optional.of(EndState.ROLLBACK_FAILED);
        }
        if (has(EventType.DATASOURCE_REVERTED)) {
            return Optional.of(EndState.ROLLED_BACK);
        }
        return Optional.empty();
    }

    boolean has(EventType type) {
        return firstArrival.containsKey(type);
    }

    /** Events of the type with distinct ids (a redelivered or republished step keeps its id). */
    long distinct(EventType type) {
        return events.stream().filter(e -> e.type() == type).map(EventEnvelope::eventId).distinct().count();
    }

    /** Records of the type, duplicates of one id included. */
    long records(EventType type) {
        return events.stream().filter(e -> e.type() == type).count();
    }

    long failedRollbackSteps() {
        return events.stream().filter(e -> e.payload() instanceof RollbackStepCompleted s && !s.succeeded()).count();
    }

    List<EventEnvelope> events() {
        return List.copyOf(events);
    }

    /** The run's course so far in one line: the last event but progress, its time, and the load's share. */
    String where() {
        Optional<EventEnvelope> last = events.stream().filter(e -> e.type() != EventType.PROGRESS)
                .reduce((a, b) -> b);
        String event = last.map(e -> "last event " + e.type().wireName() + " (+"
                + seconds(Duration.between(start, firstArrival.get(e.type()))) + ")").orElse("no event yet");
        return String.format(Locale.ROOT, "%s, load %.0f%%", event, loadFraction() * 100);
    }

    /** The last {@code n} events, progress folded to its latest per item, for a report of a stuck run. */
    String lastEvents(int n) {
        Set<String> lines = new LinkedHashSet<>();
        List<EventEnvelope> tail = events.subList(Math.max(0, events.size() - 4 * n), events.size());
        for (EventEnvelope e : tail) {
            lines.add(e.type() == EventType.PROGRESS ? "progress " + ((Progress) e.payload()).item()
                    : e.type().wireName() + ": " + e.payload().describe());
        }
        List<String> kept = new ArrayList<>(lines);
        return kept.subList(Math.max(0, kept.size() - n), kept.size()).stream()
                .collect(Collectors.joining("\n      ", "      ", ""));
    }

    /** Distinct events per type, in the contract's order, e.g. {@code backup.completed×1}. */
    String eventCounts() {
        return java.util.Arrays.stream(EventType.values()).filter(this::has)
                .map(t -> t.wireName() + "×" + distinct(t) + (records(t) > distinct(t) && t != EventType.PROGRESS
                        ? " (" + records(t) + " records)" : ""))
                .collect(Collectors.joining(", "));
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
