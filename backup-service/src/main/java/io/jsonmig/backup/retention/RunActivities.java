package io.jsonmig.backup.retention;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.payload.CutoverReady;
import io.jsonmig.events.payload.Stabilization;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Set;

/** Records which runs are still active, from the events that start and end them. */
@ApplicationScoped
public class RunActivities {

    private static final Set<EventType> FINISHING = Set.of(EventType.CUTOVER_READY, EventType.DATASOURCE_REVERTED,
            EventType.DRY_RUN_COMPLETED, EventType.RUN_FINALIZED);

    /**
     * Notes a run event. Events arrive on several topics, so they may be handled out of order: an older
     * event than the last one noted changes nothing.
     *
     * @return whether the run is finished now
     */
    @Transactional
    public boolean note(EventEnvelope event) {
        RunActivity activity = RunActivity.findById(event.migrationId());
        if (activity == null) {
            activity = new RunActivity();
            activity.migrationId = event.migrationId();
        } else if (activity.lastEventAt.isAfter(event.occurredAt())) {
            return !activity.active;
        }
        activity.active = !finishes(event);
        activity.lastEvent = event.type().wireName();
        activity.lastEventAt = event.occurredAt();
        activity.persist();
        return !activity.active;
    }

    /**
     * A cut-over with a stabilization window does not finish the run: its snapshot is the base of a
     * rollback after the cut-over until {@code run.finalized}.
     */
    private static boolean finishes(EventEnvelope event) {
        if (event.type() == EventType.CUTOVER_READY) {
            Stabilization window = event.payloadAs(CutoverReady.class).stabilization();
            return window == null || !window.hasWindow();
        }
        return FINISHING.contains(event.type());
    }

    /** A run is finished once its last event ended it (cut-over, revert, a dry run's end); an unknown run is active. */
    @Transactional
    public boolean isFinished(String migrationId) {
        RunActivity activity = RunActivity.findById(migrationId);
        return activity != null && !activity.active;
    }
}
