package io.jsonmig.events.payload;

/** The typed details of an event; {@link io.jsonmig.events.EventType} maps each to its wire name. */
public sealed interface EventPayload permits MigrationRequested, BackupCompleted, DataMigrated,
        VerificationPassed, VerificationFailed, CutoverReady, PhaseFailed, RollbackRequested,
        RollbackStepCompleted, DatasourceReverted, Progress, DriftCheckRequested, DriftChecked,
        RetryRequested, DryRunCompleted, RunFinalized, ReverseSyncExported, ReverseSyncVerified,
        StabilizationBaselined, StabilizationChecked {

    /** One line for people: logs, timelines, the CLI. */
    String describe();
}
