package io.jsonmig.notification.messaging;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.notification.timeline.Timeline;
import io.jsonmig.support.logging.RunContext;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Every run event, from every run topic: logged in one line and added to its run's timeline. */
@ApplicationScoped
public class RunEventListener {

    private final Timeline timeline;

    public RunEventListener(Timeline timeline) {
        this.timeline = timeline;
    }

    @Incoming("run-events")
    @Blocking
    public void onEvent(EventEnvelope event) {
        RunContext.run(event, () -> record(event));
    }

    private void record(EventEnvelope event) {
        if (timeline.record(event)) {
            Log.infof("[%s] %s: %s", event.migrationId(), event.type().wireName(), event.payload().describe());
        } else {
            Log.debugf("[%s] %s %s already recorded: ignoring the redelivery", event.migrationId(),
                    event.type().wireName(), event.eventId());
        }
    }
}
