package io.jsonmig.events.payload;

import io.jsonmig.events.Phase;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One service finished compensating its part of the run.
 *
 * @param compensator the service that compensated, e.g. {@code migration-service}
 * @param phase       the phase whose effects were undone
 * @param actions     what was found and done, one line each
 * @param succeeded   {@code false} when something could not be undone and needs an operator
 */
public record RollbackStepCompleted(@JsonProperty(required = true) String compensator,
                                    Phase phase,
                                    @JsonProperty(required = true) List<String> actions,
                                    @JsonProperty(required = true) boolean succeeded,
                                    RunSpec spec) implements EventPayload {

    /** Removes what the run created in the target; reports first. */
    public static final String TARGET_COMPENSATOR = "migration-service";
    /** Confirms the JSON files once the target is clean, then reverts the datasource. */
    public static final String SOURCE_COMPENSATOR = "backup-service";
    /**
     * Verifies a reverse sync's export against the fenced tables. Publishes a step only when the export
     * disagrees with them or cannot be checked ({@code succeeded} false, phase {@code STABILIZATION}): the
     * actions name the first differences (table, key, column) and say that the live JSON files and the
     * fenced tables are left as they are. An export that agrees is {@link ReverseSyncVerified} instead.
     */
    public static final String VERIFIER = "verification-service";

    @Override
    public String describe() {
        return "rollback step " + (succeeded ? "completed" : "FAILED") + " by " + compensator + ": "
                + String.join("; ", actions);
    }
}
