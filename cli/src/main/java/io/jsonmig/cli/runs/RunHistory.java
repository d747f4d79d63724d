package io.jsonmig.cli.runs;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.PhaseFailed;
import io.jsonmig.events.payload.TableLoad;
import io.jsonmig.events.payload.VerificationFailed;
import io.jsonmig.events.payload.VerificationPassed;
import io.jsonmig.events.state.RunState;
import io.jsonmig.events.state.RunStateMachine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run's events as read, and their fold. The events are folded in the order they occurred, so a
 * phase starts when its first event occurred whatever order the topics were read in.
 *
 * @param traces the trace id of each attempt that was traced, by attempt
 */
public record RunHistory(RunState state, List<EventEnvelope> events, Map<Integer, String> traces) {

    private static final Comparator<EventEnvelope> OCCURRENCE = Comparator.comparing(EventEnvelope::occurredAt)
            .thenComparing(e -> e.type().ordinal());

    public RunHistory {
        events = List.copyOf(events);
        traces = Map.copyOf(traces);
    }

    public static RunHistory of(String migrationId, Collection<EventEnvelope> events) {
        return of(migrationId, events, Map.of());
    }

    public static RunHistory of(String migrationId, Collection<EventEnvelope> events, Map<Integer, String> traces) {
        List<EventEnvelope> ordered = new ArrayList<>(events);
        ordered.sort(OCCURRENCE);
        return new RunHistory(RunStateMachine.replay(migrationId, ordered), ordered, traces);
    }

    /** The trace of the current attempt, when it was traced. */
    public Optional<String> trace() {
        return trace(state.attempt());
    }

    /** The trace id of an attempt, if it was traced. */
    public Optional<String> trace(int attempt) {
        return Optional.ofNullable(traces.get(attempt));
    }

    /** When the run started; for a run whose start event is not there, its first event. */
    public Instant sortTime() {
        if (state.startedAt() != null) {
            return state.startedAt();
        }
        return events.isEmpty() ? Instant.EPOCH : events.get(0).occurredAt();
    }

    /** Rows per table of the current attempt's load; empty before it finished. */
    public List<TableLoad> tables() {
        return latestOfCurrentAttempt(EventType.DATA_MIGRATED)
                .map(e -> List.copyOf(e.payloadAs(DataMigrated.class).tables())).orElse(List.of());
    }

    /** The current attempt's first phase failure, which the rest of the attempt followed from; empty without one. */
    public Optional<EventEnvelope> failure() {
        return events.stream().filter(e -> e.type() == EventType.PHASE_FAILED && e.attempt() == state.attempt())
                .filter(e -> e.payload() instanceof PhaseFailed).min(OCCURRENCE);
    }

    /** The latest verification verdict of any attempt (the one verification-service's report is of). */
    public Optional<EventEnvelope> latestVerification() {
        return events.stream()
                .filter(e -> e.type() == EventType.VERIFICATION_PASSED || e.type() == EventType.VERIFICATION_FAILED)
                .max(Comparator.comparingInt(EventEnvelope::attempt).thenComparing(EventEnvelope::occurredAt));
    }

    /** Where the current attempt's verification report is; {@code null} before it was verified. */
    public String reportLocation() {
        return latestVerification().filter(e -> e.attempt() == state.attempt()).map(RunHistory::reportLocation)
                .orElse(null);
    }

    /** The report location a verification.passed or verification.failed names; may be {@code null}. */
    public static String reportLocation(EventEnvelope verification) {
        return verification.payload() instanceof VerificationPassed passed ? passed.reportLocation()
                : verification.payloadAs(VerificationFailed.class).reportLocation();
    }

    private Optional<EventEnvelope> latestOfCurrentAttempt(EventType type) {
        return events.stream().filter(e -> e.type() == type && e.attempt() == state.attempt())
                .max(Comparator.comparing(EventEnvelope::occurredAt));
    }
}
