package io.jsonmig.events.payload;

import io.jsonmig.events.Phase;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The operator tries a rolled-back run again, as its next attempt (the envelope's {@code attempt} is
 * the previous one + 1). backup-service starts it: it takes a new snapshot when the backup itself
 * failed or the run's snapshot can no longer be used as it is, else it re-verifies the run's snapshot
 * and announces it again for the new attempt, so the load and the verification run again.
 *
 * @param failedPhase the phase that failed in the previous attempt; {@code null} when unknown
 * @param requestedBy who asked (user name or tool), for the timeline
 * @param reason      why the operator retries, in their words; may be {@code null}
 */
public record RetryRequested(@JsonProperty(required = true) RunSpec spec,
                             Phase failedPhase,
                             String requestedBy,
                             String reason) implements EventPayload {

    @Override
    public String describe() {
        return "retry requested" + (failedPhase == null ? "" : " from the " + failedPhase.name().toLowerCase() + " phase")
                + (requestedBy == null ? "" : " by " + requestedBy) + (reason == null ? "" : ": " + reason);
    }
}
