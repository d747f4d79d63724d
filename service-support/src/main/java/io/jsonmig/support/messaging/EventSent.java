package io.jsonmig.support.messaging;

import io.jsonmig.events.EventEnvelope;

/**
 * Fired (CDI) by {@link EventPublisher} once the broker has taken an event, for whoever counts what a
 * service did (each service's metrics package) without the publisher knowing them.
 *
 * @param cause the event being handled when this one was published; null when the publisher was given
 *              a finished envelope
 * @param again whether this id had been published before (a job run again after a crash): figures that
 *              add up a run's work must not count it twice
 */
public record EventSent(EventEnvelope cause, EventEnvelope event, boolean again) {
}
