package io.jsonmig.notification.timeline;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.state.RunState;

/**
 * A CDI event: {@code event} was stored for the first time (progress included) and folded into
 * {@code state}. Fired inside the transaction that stores it; observe it with
 * {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)} to see only what was committed.
 */
public record RunUpdated(String migrationId, EventEnvelope event, RunState state) {
}
