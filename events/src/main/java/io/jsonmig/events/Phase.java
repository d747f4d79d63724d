package io.jsonmig.events;

/** The phases of a run, in the order they happen. */
public enum Phase {
    BACKUP,
    MIGRATION,
    VERIFICATION,
    CUTOVER,
    ROLLBACK
}
