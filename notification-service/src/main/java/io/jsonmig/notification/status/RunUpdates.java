package io.jsonmig.notification.status;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.state.RunState;
import io.jsonmig.notification.timeline.RunUpdated;
import io.jsonmig.notification.timeline.Timeline;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;

/**
 * Each committed event of every run, broadcast to the clients that follow a run. Clients never
 * poll the database: they read it once, to catch up, and then only receive.
 */
@ApplicationScoped
public class RunUpdates {

    private final Flow.Processor<RunUpdated, RunUpdated> committed = BroadcastProcessor.<RunUpdated>create().serialized();
    private final Multi<RunUpdated> broadcast = Multi.createFrom().publisher(committed);
    private final Timeline timeline;
    private final StatusConfig config;

    public RunUpdates(Timeline timeline, StatusConfig config) {
        this.timeline = timeline;
        this.config = config;
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) RunUpdated update) {
        committed.onNext(update);
    }

    /**
     * The run's stored events that happened after {@code lastEventId} (all of them when the id is
     * not one of the run's; none when it is {@code null}), then each event committed from now on,
     * every event once. Live events that commit while the stored ones are read wait for them.
     */
    public Multi<StatusEvent> follow(String migrationId, String lastEventId) {
        return Multi.createFrom().emitter(emitter -> new Feed(emitter, migrationId, lastEventId).start(),
                config.clientBuffer());
    }

    private List<StatusEvent> storedAfter(String migrationId, String lastEventId) {
        if (lastEventId == null) {
            return List.of();
        }
        List<EventEnvelope> events = timeline.events(migrationId);
        RunState state = timeline.state(migrationId).orElseThrow();
        int from = 0;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).eventId().equals(lastEventId)) {
                from = i + 1;
            }
        }
        return events.subList(from, events.size()).stream().map(e -> StatusEvent.of(e, state)).toList();
    }

    /** One client's feed: subscribed to the broadcast first, then caught up from the database. */
    private final class Feed {
        private final MultiEmitter<? super StatusEvent> emitter;
        private final String migrationId;
        private final String lastEventId;
        private final Set<String> sent = ConcurrentHashMap.newKeySet();
        private final List<StatusEvent> waiting = new ArrayList<>();
        private boolean caughtUp;

        Feed(MultiEmitter<? super StatusEvent> emitter, String migrationId, String lastEventId) {
            this.emitter = emitter;
            this.migrationId = migrationId;
            this.lastEventId = lastEventId;
        }

        void start() {
            Cancellable live = broadcast
                    .select().where(update -> update.migrationId().equals(migrationId))
                    .subscribe().with(update -> onLive(StatusEvent.of(update.event(), update.state())), emitter::fail);
            emitter.onTermination(live::cancel);
            Infrastructure.getDefaultWorkerPool().execute(this::catchUp);
        }

        private synchronized void onLive(StatusEvent event) {
            if (caughtUp) {
                send(event);
            } else {
                waiting.add(event);
            }
        }

        private void catchUp() {
            try {
                List<StatusEvent> stored = storedAfter(migrationId, lastEventId);
                synchronized (this) {
                    stored.forEach(this::send);
                    waiting.forEach(this::send);
                    waiting.clear();
                    caughtUp = true;
                }
            } catch (RuntimeException e) {
                emitter.fail(e);
            }
        }

        private void send(StatusEvent event) {
            if (sent.add(event.event().eventId())) {
                emitter.emit(event);
            }
        }
    }
}
