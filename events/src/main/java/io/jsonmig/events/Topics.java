package io.jsonmig.events;

import java.util.List;

/**
 * Kafka topics of jsonmig. Every record is keyed by its migration id, so the events of one run
 * stay ordered within their topic's partition.
 *
 * <pre>
 * operator ──► migration.requested ──► backup-service
 *              backup.completed    ──► migration-service
 *              data.migrated       ──► verification-service
 *              verification.passed ──► backup-service checks the live files for drift
 *                                  ──► drift.checked ──► cutover.ready (the application switches to PostgreSQL)
 *              (a dry run) verification.passed ──► migration-service removes the throwaway schema ──► dry-run.completed
 *
 * any phase.failed / verification.failed ──► rollback.requested ──► migration-service undoes its part
 *              rollback.step-completed ──► backup-service confirms the JSON files ──► datasource.reverted
 *
 * after the cut-over, within the window: rollback.requested (afterCutover) ──► migration-service fences the tables
 *              and exports them back into the source's layout ──► reverse-sync.exported ──► verification-service
 *              verifies the export ──► reverse-sync.verified ──► backup-service restores the live files from it
 *              ──► datasource.reverted (with the writes carried back)
 *
 * after a rollback, the operator: retry.requested (attempt + 1) ──► backup-service ──► backup.completed …
 *
 * before the cut-over, verification-service: stabilization.baselined (the HTTP probes against the JSON version)
 * within the window, verification-service every interval: stabilization.checked (probes, target health)
 *
 * on request (e.g. before a cut-over):
 *              drift.check-requested ──► backup-service compares the live files with the snapshot ──► drift.checked
 *
 * notification-service and the CLI read every topic; progress is high volume and never needed
 * for correctness.
 * </pre>
 */
public final class Topics {

    public static final String PREFIX = "jsonmig.";

    public static final String MIGRATION_REQUESTED = PREFIX + "migration.requested";
    public static final String BACKUP_COMPLETED = PREFIX + "backup.completed";
    public static final String DATA_MIGRATED = PREFIX + "data.migrated";
    public static final String VERIFICATION_PASSED = PREFIX + "verification.passed";
    public static final String VERIFICATION_FAILED = PREFIX + "verification.failed";
    public static final String CUTOVER_READY = PREFIX + "cutover.ready";
    public static final String PHASE_FAILED = PREFIX + "phase.failed";
    public static final String ROLLBACK_REQUESTED = PREFIX + "rollback.requested";
    public static final String ROLLBACK_STEP_COMPLETED = PREFIX + "rollback.step-completed";
    public static final String DATASOURCE_REVERTED = PREFIX + "datasource.reverted";
    public static final String PROGRESS = PREFIX + "progress";
    public static final String DRIFT_CHECK_REQUESTED = PREFIX + "drift.check-requested";
    public static final String DRIFT_CHECKED = PREFIX + "drift.checked";
    public static final String RETRY_REQUESTED = PREFIX + "retry.requested";
    /** A dry run ends here instead of at cut-over: loaded and verified in a throwaway schema, then removed. */
    public static final String DRY_RUN_COMPLETED = PREFIX + "dry-run.completed";
    /** The stabilization window after the cut-over ended: the run is COMPLETED for good. */
    public static final String RUN_FINALIZED = PREFIX + "run.finalized";
    /** A rollback after the cut-over: the fenced tables exported back into the source's layout, as a snapshot. */
    public static final String REVERSE_SYNC_EXPORTED = PREFIX + "reverse-sync.exported";
    /** That export agrees with the fenced tables, row by row: the live files may be restored from it. */
    public static final String REVERSE_SYNC_VERIFIED = PREFIX + "reverse-sync.verified";
    /** The HTTP probes' baseline, taken before the cut-over while the application still ran on its JSON files. */
    public static final String STABILIZATION_BASELINED = PREFIX + "stabilization.baselined";
    /** One round of the watch during the stabilization window: the probes and the target's health. */
    public static final String STABILIZATION_CHECKED = PREFIX + "stabilization.checked";
    /** Records that could not be read or validated, with the reason in their headers. */
    public static final String DEAD_LETTERS = PREFIX + "dead-letters";
    /**
     * The header of a dead letter that names the service that could not read the record (its application name).
     * Every service reading a topic writes its own dead letter of a bad record: one per consuming service, on purpose.
     */
    public static final String DEAD_LETTER_CONSUMER_HEADER = "dead-letter-consumer";

    /** Every topic that carries run events, in the order a successful run meets them. */
    public static final List<String> RUN_EVENT_TOPICS = List.of(
            MIGRATION_REQUESTED, BACKUP_COMPLETED, DATA_MIGRATED, VERIFICATION_PASSED,
            VERIFICATION_FAILED, CUTOVER_READY, PHASE_FAILED, ROLLBACK_REQUESTED,
            ROLLBACK_STEP_COMPLETED, DATASOURCE_REVERTED, PROGRESS, DRIFT_CHECK_REQUESTED, DRIFT_CHECKED,
            RETRY_REQUESTED, DRY_RUN_COMPLETED, RUN_FINALIZED, REVERSE_SYNC_EXPORTED, REVERSE_SYNC_VERIFIED,
            STABILIZATION_BASELINED, STABILIZATION_CHECKED);

    /** Every jsonmig topic: the run topics and the dead-letter topic. */
    public static final List<String> ALL = java.util.stream.Stream.concat(RUN_EVENT_TOPICS.stream(),
            java.util.stream.Stream.of(DEAD_LETTERS)).toList();

    private Topics() {
    }
}
