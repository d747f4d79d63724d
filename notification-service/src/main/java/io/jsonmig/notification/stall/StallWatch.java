package io.jsonmig.notification.stall;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.payload.MaintenanceWindow;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.state.RunState;
import io.jsonmig.notification.timeline.Timeline;
import io.jsonmig.support.messaging.EventPublisher;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Instant;

/**
 * Asks for the rollback of a run that has gone quiet: running, with no event of any kind for the
 * stall timeout (a run waiting for its maintenance window counts from the window's start). This service
 * reads every topic, so it sees a phase whose service died and never came back, which no phase can
 * report of itself. The request's id is derived from the run's last sign of life, so several instances
 * ask once, and a run that went on meanwhile is not asked again for the same silence.
 */
@ApplicationScoped
public class StallWatch {

    private final Timeline timeline;
    private final EventPublisher publisher;
    private final StallConfig config;
    private final Clock clock;
    private final String producer;

    public StallWatch(Timeline timeline, EventPublisher publisher, StallConfig config, Clock clock,
                      @ConfigProperty(name = "quarkus.application.name") String producer) {
        this.timeline = timeline;
        this.publisher = publisher;
        this.config = config;
        this.clock = clock;
        this.producer = producer;
    }

    @Scheduled(every = "${jsonmig.notification.stall.poll:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void rollBackStalledRuns() {
        if (!config.enabled()) {
            return;
        }
        Instant now = Instant.now(clock);
        for (RunState run : timeline.runningQuietSince(now.minus(config.timeout()))) {
            if (waitsForItsWindow(run, now)) {
                continue;
            }
            String reason = "no event from the " + (run.phase() == null ? "run" : run.phase().name().toLowerCase()
                    + " phase") + " since " + run.updatedAt() + " (stall timeout " + config.timeout() + ")";
            Log.warnf("[%s] stalled: %s; requesting a rollback", run.migrationId(), reason);
            try {
                publisher.publish(EventEnvelope.of(run.migrationId(), run.attempt(), producer,
                        "stalled|" + run.updatedAt(), new RollbackRequested(RollbackTrigger.STALLED, reason,
                                run.phase(), run.spec()), now));
            } catch (RuntimeException e) {
                Log.errorf("[%s] cannot request the rollback of a stalled run; trying again: %s", run.migrationId(),
                        e.getMessage());
            }
        }
    }

    private boolean waitsForItsWindow(RunState run, Instant now) {
        MaintenanceWindow window = run.spec() == null ? null : run.spec().maintenanceWindow();
        return window != null && window.scheduledAt().plus(config.timeout()).isAfter(now);
    }
}
