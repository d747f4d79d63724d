package io.jsonmig.backup.retention;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Set;

/** Records which runs are still active, from the events that start and end them. */
@ApplicationScoped
public class RunActivities {

    private static final Set<EventType> FINISHING = Set.of(EventType.CUTOVER_READY, EventType.DATASOURCE_REVERTED,
            EventType.DRY_RUN_COMPLETED);

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
        activity.active = !FINISHING.contains(event.type());
        activity.lastEvent = event.type().wireName();
        activity.lastEventAt = event.occurredAt();
        activity.persist();
        return !activity.active;
    }

    /** A run is finished once its last event ended it (cut-over, revert, a dry run's end); an unknown run is active. */
    @Transactional
    public boolean isFinished(String migrationId) {
        RunActivity activity = RunActivity.findById(migrationId);
        return activity != null && !activity.active;
    }
}
