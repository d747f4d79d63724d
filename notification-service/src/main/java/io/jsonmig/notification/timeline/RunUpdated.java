package io.jsonmig.notification.timeline;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.state.RunState;

/**
 * A new event was stored and folded into its run's state. Fired once per newly stored event,
 * progress included; observe it with {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)}
 * to act only once the event and the state are committed.
 */
public record RunUpdated(String migrationId, EventEnvelope event, RunState state) {
}
