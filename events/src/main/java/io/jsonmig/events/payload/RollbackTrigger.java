package io.jsonmig.events.payload;

/** Why a rollback was requested. */
public enum RollbackTrigger {
    PHASE_FAILED,
    DATA_INTEGRITY,
    SMOKE_CHECK,
    OPERATOR_ABORT,
    STALLED
}
