package io.jsonmig.events;

/** The phases of a run, in the order they happen. */
public enum Phase {
    BACKUP,
    MIGRATION,
    VERIFICATION,
    CUTOVER,
    /** After the cut-over: the application runs on PostgreSQL, the way back stays open until run.finalized. */
    STABILIZATION,
    ROLLBACK
}
