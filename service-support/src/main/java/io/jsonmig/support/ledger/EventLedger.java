package io.jsonmig.support.ledger;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.support.logging.RunContext;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The processed-event ledger: at-least-once delivery means every event may arrive twice, and the
 * second delivery must have no effect.
 */
@ApplicationScoped
public class EventLedger {

    private final Clock clock;

    public EventLedger(Clock clock) {
        this.clock = clock;
    }

    /**
     * Runs the handler unless this event id was handled before, then records it. A handler must
     * turn its own failures into events (phase failed, a failed rollback step): one that throws
     * leaves the event unrecorded and the record goes to the dead-letter topic.
     *
     * @return whether the handler ran
     */
    public boolean handleOnce(EventEnvelope event, Consumer<EventEnvelope> handler) {
        return RunContext.call(event, () -> handle(event, handler));
    }

    private boolean handle(EventEnvelope event, Consumer<EventEnvelope> handler) {
        if (isProcessed(event.eventId())) {
            Log.infof("[%s] %s %s already handled: ignoring the redelivery", event.migrationId(),
                    event.type().wireName(), event.eventId());
            return false;
        }
        handler.accept(event);
        markProcessed(event);
        return true;
    }

    @Transactional
    public boolean isProcessed(String eventId) {
        return ProcessedEvent.findById(eventId) != null;
    }

    @Transactional
    public void markProcessed(EventEnvelope event) {
        if (ProcessedEvent.findById(event.eventId()) != null) {
            return;
        }
        ProcessedEvent processed = new ProcessedEvent();
        processed.eventId = event.eventId();
        processed.migrationId = event.migrationId();
        processed.eventType = event.type().wireName();
        processed.processedAt = Instant.now(clock);
        processed.persist();
    }
}
