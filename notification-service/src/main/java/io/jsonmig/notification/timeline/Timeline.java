package io.jsonmig.notification.timeline;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.events.state.RunState;
import io.jsonmig.events.state.RunStatus;
import io.jsonmig.events.state.RunStateMachine;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The runs' timelines: every event stored once, and each run's state folded from its events by
 * {@link RunStateMachine}, in the same transaction, which also fires {@link RunUpdated}.
 */
@ApplicationScoped
public class Timeline {

    /** The order events happened in; the state machine sorts its timeline the same way. */
    private static final Comparator<EventEnvelope> OCCURRENCE = Comparator
            .comparing(EventEnvelope::occurredAt)
            .thenComparing(e -> e.type().ordinal())
            .thenComparing(EventEnvelope::eventId);

    private final Event<RunUpdated> updates;

    public Timeline(Event<RunUpdated> updates) {
        this.updates = updates;
    }

    /**
     * Stores the event and folds it into its run's state, unless it was stored before.
     *
     * @return whether the event was new
     */
    @Transactional
    public boolean record(EventEnvelope event) {
        Run run = Run.lockOrCreate(event.migrationId());
        if (RunEvent.findById(event.eventId()) != null) {
            return false;
        }
        RunState known = run.runState();
        RunState folded = isNewest(known, event) ? RunStateMachine.apply(known, event) : replay(event);
        RunEvent.of(event).persist();
        run.show(folded);
        keepTrace(run, event);
        updates.fire(new RunUpdated(event.migrationId(), event, folded));
        return true;
    }

    /**
     * The event that begins an attempt arrives in the attempt's trace (the CLI's traceparent, continued by the
     * consumer's span, current here): its trace id is the attempt's.
     */
    private static void keepTrace(Run run, EventEnvelope event) {
        if (event.type() != EventType.MIGRATION_REQUESTED && event.type() != EventType.RETRY_REQUESTED) {
            return;
        }
        SpanContext span = Span.current().getSpanContext();
        if (span.isValid() && (run.traceAttempt == null || event.attempt() >= run.traceAttempt)) {
            run.traceId = span.getTraceId();
            run.traceAttempt = event.attempt();
        }
    }

    /** The trace id of the run's current attempt, when it was traced. */
    @Transactional
    public Optional<String> trace(String migrationId) {
        return Run.<Run>findByIdOptional(migrationId)
                .filter(run -> run.traceId != null && run.traceAttempt == run.runState().attempt())
                .map(run -> run.traceId);
    }

    @Transactional
    public Optional<RunState> state(String migrationId) {
        return Run.<Run>findByIdOptional(migrationId).map(Run::runState);
    }

    /** The run's stored events, progress included, in the order they happened. */
    @Transactional
    public List<EventEnvelope> events(String migrationId) {
        List<EventEnvelope> events = stored(migrationId);
        events.sort(OCCURRENCE);
        return events;
    }

    /** Runs in their stabilization window whose window has passed by {@code now}. */
    @Transactional
    public List<RunState> windowsEndedBy(Instant now) {
        return Run.<Run>list("status", RunStatus.STABILIZING).stream()
                .map(run -> RunStateJson.read(run.state))
                .filter(state -> state.stabilization() != null && state.stabilization().endsAt() != null
                        && !state.stabilization().endsAt().isAfter(now))
                .toList();
    }

    /** Runs still running whose latest event, progress included, occurred before {@code quietSince}. */
    @Transactional
    public List<RunState> runningQuietSince(Instant quietSince) {
        return Run.<Run>list("status = ?1 and updatedAt < ?2", RunStatus.RUNNING, quietSince).stream()
                .map(run -> RunStateJson.read(run.state)).toList();
    }

    @Transactional
    public List<RunSummary> newestFirst(int limit) {
        return Run.newestFirst(limit);
    }

    /**
     * Folding in arrival order is exact while events arrive in the order they happened. Progress
     * may always be folded late: the state machine keeps the furthest progress and never lets it
     * undo a finished phase.
     */
    private static boolean isNewest(RunState known, EventEnvelope event) {
        return event.payload() instanceof Progress
                || known.updatedAt() == null
                || event.occurredAt().isAfter(known.updatedAt());
    }

    /**
     * An event that happened before others already folded (they came on another topic, or from
     * another instance) would leave phase times and details as the arrival order made them, so
     * the run's events are folded again in the order they happened.
     */
    private static RunState replay(EventEnvelope late) {
        List<EventEnvelope> events = stored(late.migrationId());
        events.add(late);
        events.sort(OCCURRENCE);
        return RunStateMachine.replay(late.migrationId(), events);
    }

    private static List<EventEnvelope> stored(String migrationId) {
        List<EventEnvelope> events = new ArrayList<>();
        for (RunEvent stored : RunEvent.ofRun(migrationId)) {
            events.add(stored.envelope());
        }
        return events;
    }
}
