package io.jsonmig.notification;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.BackupCompleted;
import io.jsonmig.events.payload.CollectionCheck;
import io.jsonmig.events.payload.CutoverReady;
import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.DatasourceReverted;
import io.jsonmig.events.payload.DriftCheckRequested;
import io.jsonmig.events.payload.DriftChecked;
import io.jsonmig.events.payload.DryRunCompleted;
import io.jsonmig.events.payload.DryRuns;
import io.jsonmig.events.payload.EventPayload;
import io.jsonmig.events.payload.CollectionSync;
import io.jsonmig.events.payload.Finalization;
import io.jsonmig.events.payload.ReverseSyncExported;
import io.jsonmig.events.payload.ReverseSyncVerified;
import io.jsonmig.events.payload.RunFinalized;
import io.jsonmig.events.payload.WriteFence;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.PhaseFailed;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.events.payload.RetryRequested;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.events.payload.TableLoad;
import io.jsonmig.events.payload.VerificationFailed;
import io.jsonmig.events.payload.VerificationPassed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The events one run of the blog example produces, as the services would publish them, each at a
 * fixed time after the run's start.
 */
final class BlogRun {

    static final String SOURCE_DIR = "/srv/blog/data";
    static final long TOTAL_RECORDS = 460;
    static final List<String> TABLES = List.of("users", "posts", "comments");
    static final String MIGRATION_FAILURE =
            "comments: record 17 at line 2113, column 5 cannot be mapped: column \"post_id\" references a missing post 999";

    final String migrationId;
    final Instant start;
    final RunSpec spec;

    private BlogRun(Instant start, UnaryOperator<RunSpec> options) {
        this.start = start;
        this.migrationId = MigrationIds.newId(Clock.fixed(start, ZoneOffset.UTC));
        this.spec = options.apply(new RunSpec(SOURCE_DIR, "/srv/blog/schema", "/srv/blog/mapping.json", "test",
                "ops@example.com"));
    }

    static BlogRun startingAt(Instant start) {
        return new BlogRun(start, UnaryOperator.identity());
    }

    /** A run whose spec has these options, e.g. {@code spec -> spec.withDryRun(true)}. */
    static BlogRun startingAt(Instant start, UnaryOperator<RunSpec> options) {
        return new BlogRun(start, options);
    }

    Instant at(long millisAfterStart) {
        return start.plus(Duration.ofMillis(millisAfterStart));
    }

    EventEnvelope requested() {
        return event("cli", "", new MigrationRequested(spec), 0);
    }

    EventEnvelope backupProgress() {
        return event("backup-service", "snapshot", new Progress(Phase.BACKUP, "records", TOTAL_RECORDS, TOTAL_RECORDS),
                2_000);
    }

    EventEnvelope backupCompleted() {
        return event("backup-service", "", new BackupCompleted(spec, snapshot()), 3_000);
    }

    EventEnvelope migrationProgress(String table, long done, long total, long millisAfterStart) {
        return event("migration-service", table + "/" + done, new Progress(Phase.MIGRATION, table, done, total),
                millisAfterStart);
    }

    EventEnvelope dataMigrated() {
        return event("migration-service", "", new DataMigrated(spec, snapshot(),
                List.of("V1__create_tables.sql", "V2__indexes.sql"),
                List.of(new TableLoad("users", "users", 40), new TableLoad("posts", "posts", 120),
                        new TableLoad("comments", "comments", 300)),
                TOTAL_RECORDS, 4_200), 8_000);
    }

    EventEnvelope verificationPassed() {
        return event("verification-service", "", new VerificationPassed(spec, List.of(
                new CollectionCheck("users", "users", 40, 40, true),
                new CollectionCheck("posts", "posts", 120, 120, true),
                new CollectionCheck("comments", "comments", 300, 300, true)),
                "/var/lib/jsonmig/reports/" + migrationId + ".json"), 10_000);
    }

    /** The verification result as verification-service names its report: an address it serves. */
    EventEnvelope verificationPassedWithReportServed() {
        return event("verification-service", "", new VerificationPassed(spec, List.of(
                new CollectionCheck("users", "users", 40, 40, true),
                new CollectionCheck("posts", "posts", 120, 120, true),
                new CollectionCheck("comments", "comments", 300, 300, true)),
                "http://127.0.0.1:8083/verifications/" + migrationId), 10_000);
    }

    EventEnvelope cutoverReady() {
        return event("verification-service", "", new CutoverReady("test", TABLES,
                "switch the application's data source to PostgreSQL profile 'test'"), 11_000);
    }

    EventEnvelope migrationFailed() {
        return event("migration-service", Phase.MIGRATION.name(), new PhaseFailed(Phase.MIGRATION, MIGRATION_FAILURE,
                List.of(MIGRATION_FAILURE), spec), 6_000);
    }

    EventEnvelope rollbackRequested() {
        return event("migration-service", Phase.MIGRATION.name(), new RollbackRequested(RollbackTrigger.PHASE_FAILED,
                MIGRATION_FAILURE, Phase.MIGRATION, spec), 6_100);
    }

    EventEnvelope targetCompensated() {
        return event("migration-service", "migration-service", new RollbackStepCompleted("migration-service",
                Phase.MIGRATION, List.of("dropped tables comments, posts, users (created by this run)",
                        "removed 2 schema migration(s) from flyway_schema_history"), true, spec), 8_000);
    }

    /** migration-service could not undo its part: the run needs an operator. */
    EventEnvelope targetCompensationFailed() {
        return event("migration-service", "migration-service", new RollbackStepCompleted("migration-service",
                Phase.MIGRATION, List.of("could not drop table comments: permission denied"), false, spec), 8_000);
    }

    EventEnvelope sourceConfirmed() {
        return event("backup-service", "backup-service", new RollbackStepCompleted("backup-service", Phase.BACKUP,
                List.of("all 1 JSON file(s) in " + SOURCE_DIR + " match the backup"), true, spec), 9_000);
    }

    EventEnvelope datasourceReverted() {
        return event("backup-service", "", new DatasourceReverted(SOURCE_DIR,
                "rolled back; the JSON files match the backup",
                "switch the application back to its JSON files in " + SOURCE_DIR), 9_500);
    }

    EventEnvelope verificationFailed() {
        return event("verification-service", "", new VerificationFailed(spec, List.of(
                new CollectionCheck("users", "users", 40, 39, false)), "collection users: expected 40 rows, found 39",
                "/var/lib/jsonmig/reports/" + migrationId + ".json"), 10_000);
    }

    EventEnvelope driftCheckRequested() {
        return event("cli", "drift", new DriftCheckRequested(null, "ops@example.com"), 12_000);
    }

    EventEnvelope driftChecked() {
        return event("backup-service", "drift", new DriftChecked(migrationId + "-a1", SOURCE_DIR, true, List.of()),
                12_500);
    }

    /** The operator's retry of the rolled-back run: its second attempt. */
    EventEnvelope retryRequested() {
        return EventEnvelope.of(migrationId, 2, "cli", "operator-retry",
                new RetryRequested(spec, Phase.MIGRATION, "ops@example.com", "retry after the fix"), at(20_000));
    }

    /** The end of this run had it been a dry run: verified in its throwaway schema, which is removed. */
    EventEnvelope dryRunCompleted() {
        String schema = DryRuns.schemaFor(migrationId);
        return EventEnvelope.of(migrationId, 1, "migration-service", "", new DryRunCompleted(spec.targetProfile(),
                schema, List.of("users", "posts", "comments"), List.of("dropped schema " + schema),
                "http://127.0.0.1:8083/verifications/" + migrationId), at(13_000));
    }

    /** The operator ends the stabilization window early. */
    EventEnvelope runFinalized() {
        return event("cli", "", new RunFinalized(Finalization.OPERATOR, "ops@example.com", "probes green"), 14_000);
    }

    /** What a rollback after the cut-over carries back: 2 updated posts, 1 new comment. */
    List<CollectionSync> carriedBack() {
        return List.of(new CollectionSync("users", "users", 40, 0, 0, 0, 0),
                new CollectionSync("posts", "posts", 118, 2, 0, 0, 0),
                new CollectionSync("comments", "comments", 300, 0, 1, 0, 0));
    }

    EventEnvelope reverseSyncExported() {
        return event("migration-service", "", new ReverseSyncExported(spec, snapshot(), migrationId + "-a1",
                new WriteFence(TABLES, at(14_500), 40, "jsonmig rollback " + migrationId
                        + " in progress: writes go to the JSON files"), carriedBack(), java.util.Map.of()), 15_000);
    }

    EventEnvelope reverseSyncVerified() {
        return event("verification-service", "", new ReverseSyncVerified(spec, snapshot(), List.of(
                new CollectionCheck("users", "users", 40, 40, true)), "/var/lib/jsonmig/reports/" + migrationId
                + "-reverse.json", carriedBack()), 15_500);
    }

    EventEnvelope stabilizationBaselined() {
        return event("verification-service", "", new io.jsonmig.events.payload.StabilizationBaselined(List.of(
                io.jsonmig.events.payload.ProbeBaseline.measured("blog-home", 50, 0.0, 9.0, 18.0, 25.0))), 1_500);
    }

    EventEnvelope stabilizationChecked() {
        return event("verification-service", "check-1", new io.jsonmig.events.payload.StabilizationChecked(List.of(
                new io.jsonmig.events.payload.ProbeResult("blog-home", true, 11.0, null)),
                new io.jsonmig.events.payload.DatabaseHealth(5, 100, null, 0.0, 0.0, null)), 16_000);
    }

    /** A round of the watch with what it tells operators: a trigger that fired in mode alert. */
    EventEnvelope stabilizationAlerted() {
        return event("verification-service", "check-2", new io.jsonmig.events.payload.StabilizationChecked(List.of(
                new io.jsonmig.events.payload.ProbeResult("blog-home", false, 4.0, "GET http://blog.example/ answered 500, expected 200")),
                new io.jsonmig.events.payload.DatabaseHealth(5, 100, null, 0.0, 0.0, null), List.of(
                new io.jsonmig.events.payload.StabilizationAlert(io.jsonmig.events.payload.RollbackTrigger.FUNCTIONALITY,
                        "probe blog-home failed 3 time(s) in a row (rollbackOn.failuresInARow 3): GET http://blog.example/ "
                                + "answered 500, expected 200"))), 17_000);
    }

    /** One event of the type, as this run would see it. */
    EventEnvelope of(EventType type) {
        return switch (type) {
            case MIGRATION_REQUESTED -> requested();
            case BACKUP_COMPLETED -> backupCompleted();
            case DATA_MIGRATED -> dataMigrated();
            case VERIFICATION_PASSED -> verificationPassed();
            case VERIFICATION_FAILED -> verificationFailed();
            case CUTOVER_READY -> cutoverReady();
            case PHASE_FAILED -> migrationFailed();
            case ROLLBACK_REQUESTED -> rollbackRequested();
            case ROLLBACK_STEP_COMPLETED -> targetCompensated();
            case DATASOURCE_REVERTED -> datasourceReverted();
            case PROGRESS -> backupProgress();
            case DRIFT_CHECK_REQUESTED -> driftCheckRequested();
            case DRIFT_CHECKED -> driftChecked();
            case RETRY_REQUESTED -> retryRequested();
            case DRY_RUN_COMPLETED -> dryRunCompleted();
            case RUN_FINALIZED -> runFinalized();
            case REVERSE_SYNC_EXPORTED -> reverseSyncExported();
            case REVERSE_SYNC_VERIFIED -> reverseSyncVerified();
            case STABILIZATION_BASELINED -> stabilizationBaselined();
            case STABILIZATION_CHECKED -> stabilizationChecked();
        };
    }

    private SnapshotSummary snapshot() {
        Map<String, Long> records = new LinkedHashMap<>();
        records.put("users", 40L);
        records.put("posts", 120L);
        records.put("comments", 300L);
        return new SnapshotSummary(migrationId + "-a1", "/var/lib/jsonmig/snapshots/" + migrationId + "-a1",
                "db-json", 1, 179_928, records, "9f2c1e7d4b8a6f3e0d5c2b1a9e8f7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e");
    }

    private EventEnvelope event(String producer, String step, EventPayload payload,
                                long millisAfterStart) {
        return EventEnvelope.of(migrationId, 1, producer, step, payload, at(millisAfterStart));
    }
}
