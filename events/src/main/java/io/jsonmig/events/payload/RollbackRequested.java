package io.jsonmig.events.payload;

import io.jsonmig.events.Phase;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Undo the run. migration-service removes what the run created in the target first; then
 * backup-service confirms the live JSON files and publishes {@link DatasourceReverted}.
 *
 * @param failedPhase the phase that failed or was running when the operator aborted
 */
public record RollbackRequested(@JsonProperty(required = true) RollbackTrigger trigger,
                                @JsonProperty(required = true) String reason,
                                Phase failedPhase,
                                RunSpec spec)
        implements EventPayload {

    @Override
    public String describe() {
        return "rollback requested (" + trigger.name().toLowerCase().replace('_', ' ') + "): " + reason;
    }
}
