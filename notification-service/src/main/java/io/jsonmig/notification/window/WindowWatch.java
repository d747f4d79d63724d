package io.jsonmig.notification.window;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.payload.Finalization;
import io.jsonmig.events.payload.RunFinalized;
import io.jsonmig.events.state.RunState;
import io.jsonmig.notification.timeline.Timeline;
import io.jsonmig.support.messaging.EventPublisher;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ends the stabilization window of a run when it has passed: publishes {@code run.finalized}, and the
 * run is COMPLETED. This service reads every topic and keeps every run's state, so it is the one that
 * knows when a window opened and whether a rollback or a finalize closed it first. The event's id is the
 * one {@code jsonmig finalize} gives too (same attempt, same step), so several instances, a restart, or
 * an operator's finalize at the same moment all count once.
 */
@ApplicationScoped
public class WindowWatch {

    /** The step of every {@code run.finalized}: one per attempt, whoever publishes it. */
    public static final String FINALIZE_STEP = "";

    private final Timeline timeline;
    private final EventPublisher publisher;
    private final Clock clock;
    private final String producer;
    /** What this instance published and has not yet read back: the next poll does not publish it again. */
    private final Set<String> published = ConcurrentHashMap.newKeySet();

    public WindowWatch(Timeline timeline, EventPublisher publisher, Clock clock,
                       @ConfigProperty(name = "quarkus.application.name") String producer) {
        this.timeline = timeline;
        this.publisher = publisher;
        this.clock = clock;
        this.producer = producer;
    }

    @Scheduled(every = "${jsonmig.notification.window.poll:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void finalizeElapsedWindows() {
        Instant now = Instant.now(clock);
        for (RunState run : timeline.windowsEndedBy(now)) {
            EventEnvelope finalized = EventEnvelope.of(run.migrationId(), run.attempt(), producer, FINALIZE_STEP,
                    new RunFinalized(Finalization.WINDOW_ELAPSED, producer, null), now);
            if (!published.add(finalized.eventId())) {
                continue;
            }
            Log.infof("[%s] stabilization window of %s ended at %s without a rollback: finalizing the run",
                    run.migrationId(), run.stabilization().window(), run.stabilization().endsAt());
            try {
                publisher.publish(finalized);
            } catch (RuntimeException e) {
                published.remove(finalized.eventId());
                Log.errorf("[%s] cannot publish run.finalized; trying again: %s", run.migrationId(), e.getMessage());
            }
        }
    }
}
