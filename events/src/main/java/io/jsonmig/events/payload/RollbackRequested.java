package io.jsonmig.events.payload;

import io.jsonmig.events.Phase;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Undo the run. Before the cut-over, migration-service removes what the run created in the target
 * first; then backup-service confirms the live JSON files and publishes {@link DatasourceReverted}.
 * After the cut-over (during the stabilization window) the application's writes live in PostgreSQL:
 * migration-service fences the run's tables and exports them ({@link ReverseSyncExported}),
 * verification-service verifies the export ({@link ReverseSyncVerified}), and backup-service restores the
 * live files from it; the tables are kept, fenced, for the investigation.
 *
 * @param failedPhase  the phase that failed or was running when the operator aborted
 *                     ({@link Phase#STABILIZATION} after the cut-over)
 * @param afterCutover the requester saw the run's {@code cutover.ready}: the rollback must carry
 *                     PostgreSQL's writes back. migration-service also goes by its own record of the
 *                     cut-over, so a request that says {@code false} for a cut-over run never drops them
 */
public record RollbackRequested(@JsonProperty(required = true) RollbackTrigger trigger,
                                @JsonProperty(required = true) String reason,
                                Phase failedPhase,
                                RunSpec spec,
                                boolean afterCutover)
        implements EventPayload {

    /** A rollback before the cut-over. */
    public RollbackRequested(RollbackTrigger trigger, String reason, Phase failedPhase, RunSpec spec) {
        this(trigger, reason, failedPhase, spec, false);
    }

    /** A rollback during the stabilization window, which carries PostgreSQL's writes back to the JSON files. */
    public static RollbackRequested afterCutover(RollbackTrigger trigger, String reason, RunSpec spec) {
        return new RollbackRequested(trigger, reason, Phase.STABILIZATION, spec, true);
    }

    @Override
    public String describe() {
        return "rollback requested (" + trigger.name().toLowerCase().replace('_', ' ') + "): " + reason;
    }
}
