package io.jsonmig.notification.status;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.CollectionCheck;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.state.RunState;
import io.jsonmig.events.state.RunStatus;
import io.jsonmig.events.state.TimelineEntry;

import java.util.List;

/**
 * The data of one server-sent event: the stored event itself, and what the page needs to update
 * without a reload — the run's status and phases after it, and either its progress bar or its
 * timeline entry.
 *
 * @param progress       the bar this event moves; {@code null} unless it is a progress event
 * @param entry          the timeline line; {@code null} for a progress event
 * @param reportLocation set by a verification result that names its report
 * @param reportPage     that report's page for people (HTML)
 */
public record StatusEvent(EventEnvelope event, RunStatus status, StatusWords.Badge badge, Phase phase,
                          String phaseName, List<PhaseView> phases,
                          ProgressView progress, TimelineEntry entry, String failureReason,
                          RollbackTrigger rollbackTrigger, List<String> rollbackActions,
                          List<CollectionCheck> checks, String reportLocation, String reportPage,
                          WindowView window) {

    /** @param state the run's state with {@code event} folded in */
    static StatusEvent of(EventEnvelope event, RunState state) {
        ProgressView progress = null;
        TimelineEntry entry = null;
        if (event.payload() instanceof Progress p) {
            progress = ProgressView.of(p, event.occurredAt(), RunPage.startOf(state, p));
        } else {
            entry = state.timeline().stream().filter(e -> e.eventId().equals(event.eventId())).findFirst()
                    .orElse(null);
        }
        String reportLocation = VerificationReport.locationIn(event);
        return new StatusEvent(event, state.status(), StatusWords.of(state.status()), state.phase(),
                state.phase() == null ? null : StatusWords.name(state.phase()), RunPage.phasesOf(state), progress,
                entry, state.failureReason(), state.rollbackTrigger(), state.rollbackActions(), state.checks(),
                reportLocation, VerificationReport.pageOf(reportLocation),
                WindowView.of(state.stabilization(), java.time.Instant.now()));
    }
}
