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
    SOURCE_DRIFT,
    /*
     * The deployment plan's rollback triggers, after the cut-over (during the stabilization window): the
     * rollback carries PostgreSQL's writes back into the JSON files (reverse sync).
     */
    /** Critical functionality of the application does not work on PostgreSQL. */
    FUNCTIONALITY,
    /** The application is significantly slower on PostgreSQL than it was on its JSON files. */
    PERFORMANCE,
    /** The data in PostgreSQL is wrong (found after the cut-over; before it, {@link #DATA_INTEGRITY}). */
    INTEGRITY,
    /** A security vulnerability of the new setup. */
    SECURITY;

    /** The triggers an operator names for a rollback after the cut-over ({@code ./jsonmig rollback --trigger}). */
    public static final java.util.List<RollbackTrigger> AFTER_CUTOVER =
            java.util.List.of(FUNCTIONALITY, PERFORMANCE, INTEGRITY, SECURITY);
}
