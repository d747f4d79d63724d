package io.jsonmig.events.payload;

/** Why a rollback was requested. */
public enum RollbackTrigger {
    PHASE_FAILED,
    DATA_INTEGRITY,
    SMOKE_CHECK,
    OPERATOR_ABORT,
    STALLED,
    /**
     * The live JSON files changed after the backup (the application wrote meanwhile): the cut-over is
     * refused, and the rollback keeps the live files as they are, because they hold those writes.
     */
    SOURCE_DRIFT
}
