package io.jsonmig.events.state;

import io.jsonmig.events.EventType;

import java.time.Instant;

/** One event as people read it in a timeline. */
public record TimelineEntry(String eventId, EventType type, Instant occurredAt, int attempt, String producer,
                            String summary) {
}
