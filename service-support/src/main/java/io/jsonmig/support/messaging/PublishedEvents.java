package io.jsonmig.support.messaging;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.serde.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

/**
 * Makes a deterministic event id mean one content: the first event published under an id is kept, and
 * whatever publishes the id again (a job resumed after a crash, a compensation that finds nothing left
 * to undo) sends that first event, so every consumer sees the same payload whichever copy it keeps.
 */
@ApplicationScoped
public class PublishedEvents {

    private final Clock clock;

    public PublishedEvents(Clock clock) {
        this.clock = clock;
    }

    /** Whether this service published the event of that run, type, attempt and step. */
    @Transactional
    public boolean has(String migrationId, EventType type, int attempt, String step) {
        return PublishedEvent.findById(EventEnvelope.deterministicId(migrationId, type, attempt, step)) != null;
    }

    /** The event of that run, type, attempt and step this service published, if it did. */
    @Transactional
    public java.util.Optional<EventEnvelope> find(String migrationId, EventType type, int attempt, String step) {
        PublishedEvent published = PublishedEvent.findById(EventEnvelope.deterministicId(migrationId, type, attempt,
                step));
        return java.util.Optional.ofNullable(published)
                .map(p -> EventJson.fromBytes(p.event.getBytes(StandardCharsets.UTF_8)));
    }

    /** The event to send under {@code event}'s id: the one published first, recorded now if there is none. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public EventEnvelope firstOf(EventEnvelope event) {
        PublishedEvent published = PublishedEvent.findById(event.eventId());
        if (published != null) {
            return EventJson.fromBytes(published.event.getBytes(StandardCharsets.UTF_8));
        }
        published = new PublishedEvent();
        published.eventId = event.eventId();
        published.migrationId = event.migrationId();
        published.eventType = event.type().wireName();
        published.event = EventJson.toJson(event);
        published.publishedAt = Instant.now(clock);
        published.persist();
        return event;
    }
}
