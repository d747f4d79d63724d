package io.jsonmig.notification.status;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.payload.DryRuns;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.events.state.PhaseState;
import io.jsonmig.events.state.RunState;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a run's page shows: its folded state, with phases and progress written out, the
 * verification report's location, and the newest stored event, from which the page's event
 * stream goes on.
 */
public record RunPage(RunState run, List<PhaseView> phases, List<ProgressView> progress, String reportLocation,
                      String lastEventId, String traceId) {

    /**
     * @param events the run's stored events in occurrence order, read before {@code state}, so the
     *               state holds at least these events
     */
    static RunPage of(RunState state, List<EventEnvelope> events) {
        return of(state, events, null);
    }

    /** @param traceId the current attempt's trace, when it was traced; null otherwise */
    static RunPage of(RunState state, List<EventEnvelope> events, String traceId) {
        List<PhaseView> phases = phasesOf(state);
        List<ProgressView> progress = state.progress().values().stream().sorted(ProgressView.ORDER)
                .map(p -> ProgressView.of(p, reportedAt(p, events), startOf(state, p)))
                .toList();
        String reportLocation = events.stream().map(VerificationReport::locationIn).filter(Objects::nonNull)
                .reduce((first, second) -> second).orElse(null);
        String lastEventId = events.isEmpty() ? null : events.get(events.size() - 1).eventId();
        return new RunPage(state, phases, progress, reportLocation, lastEventId, traceId);
    }

    /** The run's badge: its status in a word and a colour. */
    public StatusWords.Badge badge() {
        return StatusWords.of(run.status());
    }

    /** The stabilization window after the cut-over, when the run has one. */
    public WindowView window() {
        return WindowView.of(run.stabilization(), Instant.now());
    }

    /** The phase the run is in, in words. */
    public String phaseName() {
        return run.phase() == null ? "–" : StatusWords.name(run.phase());
    }

    /** The verification report for people (HTML), when verification named one. */
    public String reportPage() {
        return VerificationReport.pageOf(reportLocation);
    }

    static List<PhaseView> phasesOf(RunState state) {
        return state.phases().values().stream().map(phase -> PhaseView.of(phase, state.status())).toList();
    }

    /** A rehearsal into a throwaway schema: the page says so, and its cut-over is skipped. */
    public boolean dryRun() {
        return run.spec() != null && run.spec().dryRun();
    }

    /** The dry run's throwaway schema, by the rule every service follows. */
    public String dryRunSchema() {
        return DryRuns.schemaFor(run.migrationId());
    }

    /** The event names the page's event stream uses, one listener each. */
    public List<String> eventTypes() {
        return Arrays.stream(EventType.values()).map(EventType::wireName).toList();
    }

    static Instant startOf(RunState state, Progress progress) {
        PhaseState phase = state.phase(progress.phase());
        return phase == null ? null : phase.startedAt();
    }

    /** The state keeps the furthest progress of an item but not when it was reported: its event does. */
    private static Instant reportedAt(Progress progress, List<EventEnvelope> events) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (progress.equals(events.get(i).payload())) {
                return events.get(i).occurredAt();
            }
        }
        return null;
    }
}
