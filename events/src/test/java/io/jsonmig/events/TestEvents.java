package io.jsonmig.events;

import io.jsonmig.events.payload.BackupCompleted;
import io.jsonmig.events.payload.CollectionCheck;
import io.jsonmig.events.payload.CutoverReady;
import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.DatasourceReverted;
import io.jsonmig.events.payload.DriftCheckRequested;
import io.jsonmig.events.payload.DriftChecked;
import io.jsonmig.events.payload.EventPayload;
import io.jsonmig.events.payload.FileDrift;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.PhaseFailed;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.events.payload.RetryRequested;
import io.jsonmig.events.payload.DryRunCompleted;
import io.jsonmig.events.payload.DryRuns;
import io.jsonmig.events.payload.SmokeCheck;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SnapshotStorage;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.events.payload.TableLoad;
import io.jsonmig.events.payload.VerificationFailed;
import io.jsonmig.events.payload.VerificationPassed;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds events of one run with explicit times: {@code at(3)} is three seconds after {@link #T0}. */
public final class TestEvents {

    public static final String MIGRATION_ID = "mig-20261125-153600-7f3a";
    public static final String OTHER_MIGRATION_ID = "mig-20261125-160000-0b1c";
    public static final Instant T0 = Instant.parse("2026-11-25T15:36:00Z");

    public static final String CLI = "jsonmig-cli";
    public static final String BACKUP_SERVICE = "backup-service";
    public static final String MIGRATION_SERVICE = "migration-service";
    public static final String VERIFICATION_SERVICE = "verification-service";
    public static final String OPERATOR = "deploy-pipeline";

    private TestEvents() {
    }

    public static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    // ---- payloads ----

    public static RunSpec spec() {
        return new RunSpec("/data/app/json", "/data/app/schema", null, "local", "alice");
    }

    public static SnapshotSummary snapshot() {
        Map<String, Long> records = new LinkedHashMap<>();
        records.put("users", 3L);
        records.put("orders", 5L);
        return new SnapshotSummary("snap-1", "/var/jsonmig/snapshots/snap-1", "db-json", 2, 2048, records,
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    }

    /** A snapshot of two explicitly named files, stored gzip-compressed and encrypted. */
    public static SnapshotSummary encryptedSnapshot() {
        return new SnapshotSummary("snap-2", "/var/jsonmig/snapshots/snap-2", "array-per-file", 2, 2048,
                Map.of("users", 3L, "orders", 5L),
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                new SnapshotStorage(SnapshotStorage.GZIP, SnapshotStorage.AES_256_GCM, "0123456789abcdef"));
    }

    public static RunSpec specWithFiles() {
        return new RunSpec("/data/app/json", "/data/app/schema", null, "local", "alice",
                List.of("users.json", "shop/orders.json"));
    }

    public static DriftCheckRequested driftCheckRequested() {
        return new DriftCheckRequested(null, "alice");
    }

    public static DriftChecked driftClean() {
        return new DriftChecked("snap-1", "/data/app/json", true, List.of());
    }

    public static DriftChecked driftFound() {
        return new DriftChecked("snap-1", "/data/app/json", false, List.of(
                new FileDrift("db.json", FileDrift.CHANGED, 2048, 2100L,
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                        "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752"),
                new FileDrift("extra.json", FileDrift.MISSING, 10, null,
                        "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", null)));
    }

    public static MigrationRequested migrationRequested() {
        return new MigrationRequested(spec());
    }

    public static BackupCompleted backupCompleted() {
        return new BackupCompleted(spec(), snapshot());
    }

    public static DataMigrated dataMigrated(long rows) {
        return new DataMigrated(spec(), snapshot(), List.of("V1__users.sql", "V2__orders.sql"),
                List.of(new TableLoad("users", "users", 3), new TableLoad("orders", "orders", rows - 3)), rows, 420);
    }

    public static List<CollectionCheck> checks(boolean pass) {
        return List.of(new CollectionCheck("users", "users", 3, 3, true),
                new CollectionCheck("orders", "orders", 5, pass ? 5 : 4, pass));
    }

    public static VerificationPassed verificationPassed() {
        return new VerificationPassed(spec(), checks(true), "/var/jsonmig/reports/verify.json");
    }

    public static VerificationFailed verificationFailed() {
        return new VerificationFailed(spec(), checks(false), "orders: expected 5 rows, found 4",
                "/var/jsonmig/reports/verify.json");
    }

    public static CutoverReady cutoverReady() {
        return new CutoverReady("local", List.of("users", "orders"), "switch the data source to PostgreSQL profile local");
    }

    public static PhaseFailed phaseFailed(Phase phase, String reason) {
        return new PhaseFailed(phase, reason, List.of("users.json: record 2: " + reason), spec());
    }

    public static RollbackRequested rollbackRequested(RollbackTrigger trigger, String reason, Phase failedPhase) {
        return new RollbackRequested(trigger, reason, failedPhase, spec());
    }

    public static RollbackStepCompleted rollbackStep(String compensator, boolean succeeded, String... actions) {
        return new RollbackStepCompleted(compensator, Phase.MIGRATION, List.of(actions), succeeded, spec());
    }

    public static DatasourceReverted datasourceReverted() {
        return new DatasourceReverted("/data/app/json", "verification failed", "use the JSON files again");
    }

    public static RetryRequested retryRequested(Phase failedPhase) {
        return new RetryRequested(spec(), failedPhase, "alice", "orders fixed at the source");
    }

    public static DryRunCompleted dryRunCompleted() {
        return new DryRunCompleted("staging", DryRuns.schemaFor(MIGRATION_ID), List.of("users", "orders"),
                List.of("dropped schema " + DryRuns.schemaFor(MIGRATION_ID) + " (2 tables)"),
                "http://verification.internal:8083/verifications/" + MIGRATION_ID);
    }

    /** A spec with every option a run file can set. */
    public static RunSpec fullSpec() {
        return spec().withLayout("db-json")
                .withSmokeChecks(List.of(SmokeCheck.sql("users-count", "select count(*) from users", "40"),
                        SmokeCheck.http("app-health", "http://app.internal:8080/health", 200)))
                .withRecipients(java.util.Map.of("stakeholders", List.of("cto@example.com")))
                .withDryRun(true);
    }

    public static RunSpec specWithWindow() {
        return spec().withStabilization(io.jsonmig.events.payload.Stabilization.of(java.time.Duration.ofHours(72)));
    }

    public static io.jsonmig.events.payload.RunFinalized runFinalized(io.jsonmig.events.payload.Finalization how) {
        return new io.jsonmig.events.payload.RunFinalized(how, how == io.jsonmig.events.payload.Finalization.OPERATOR
                ? "alice" : VERIFICATION_SERVICE, how == io.jsonmig.events.payload.Finalization.OPERATOR
                ? "probes green for a day" : null);
    }

    public static List<io.jsonmig.events.payload.CollectionSync> carriedBack() {
        return List.of(new io.jsonmig.events.payload.CollectionSync("users", "users", 2, 1, 1, 0, 0),
                new io.jsonmig.events.payload.CollectionSync("orders", "orders", 3, 2, 0, 1, 1));
    }

    public static io.jsonmig.events.payload.ReverseSyncExported reverseSyncExported() {
        return new io.jsonmig.events.payload.ReverseSyncExported(specWithWindow(), encryptedSnapshot(), "snap-1",
                new io.jsonmig.events.payload.WriteFence(List.of("public.users", "public.orders"), at(100), 35,
                        "jsonmig rollback " + MIGRATION_ID + " in progress: writes go to the JSON files"),
                carriedBack(), java.util.Map.of("orders", List.of(4L)));
    }

    public static io.jsonmig.events.payload.ReverseSyncVerified reverseSyncVerified() {
        return new io.jsonmig.events.payload.ReverseSyncVerified(specWithWindow(), encryptedSnapshot(), checks(true),
                "/var/jsonmig/reports/reverse.json", carriedBack());
    }

    public static DatasourceReverted datasourceRevertedCarryingBack() {
        return new DatasourceReverted("/data/app/json", "login broken", "use the JSON files again", carriedBack());
    }

    /** A baseline of two HTTP probes, one of which could not be reached. */
    public static io.jsonmig.events.payload.StabilizationBaselined stabilizationBaselined() {
        return new io.jsonmig.events.payload.StabilizationBaselined(List.of(
                io.jsonmig.events.payload.ProbeBaseline.measured("app-health", 50, 0.02, 8.0, 21.5, 40.25),
                io.jsonmig.events.payload.ProbeBaseline.none("orders-page", 50, "unreachable: connection refused")));
    }

    public static io.jsonmig.events.payload.StabilizationChecked stabilizationChecked(boolean passed, double millis) {
        return new io.jsonmig.events.payload.StabilizationChecked(List.of(
                new io.jsonmig.events.payload.ProbeResult("app-health", passed, millis, passed ? null : "status 500"),
                new io.jsonmig.events.payload.ProbeResult("users-count", true, 3.0, null)),
                new io.jsonmig.events.payload.DatabaseHealth(7, 100, 20, 0.0, 1.5, 0.8));
    }

    public static Progress progress(Phase phase, String item, long done, long total) {
        return new Progress(phase, item, done, total);
    }

    // ---- envelopes ----

    /** An event of {@link #MIGRATION_ID}, attempt 1, published by the service that owns its type. */
    public static EventEnvelope event(EventPayload payload, Instant occurredAt) {
        return event(MIGRATION_ID, 1, "", payload, occurredAt);
    }

    public static EventEnvelope event(String step, EventPayload payload, Instant occurredAt) {
        return event(MIGRATION_ID, 1, step, payload, occurredAt);
    }

    public static EventEnvelope event(String migrationId, int attempt, String step, EventPayload payload,
                                      Instant occurredAt) {
        return EventEnvelope.of(migrationId, attempt, producerOf(EventType.forPayload(payload)), step, payload,
                occurredAt);
    }

    /** A progress event; its step names the item and count, as the services do. */
    public static EventEnvelope progressEvent(Phase phase, String item, long done, long total, Instant occurredAt) {
        return event(phase + "/" + item + "/" + done, progress(phase, item, done, total), occurredAt);
    }

    public static String producerOf(EventType type) {
        switch (type) {
            case MIGRATION_REQUESTED:
            case RETRY_REQUESTED:
                return CLI;
            case DRIFT_CHECK_REQUESTED:
                return OPERATOR;
            case BACKUP_COMPLETED:
            case DATASOURCE_REVERTED:
            case DRIFT_CHECKED:
                return BACKUP_SERVICE;
            case DATA_MIGRATED:
            case ROLLBACK_STEP_COMPLETED:
            case DRY_RUN_COMPLETED:
                return MIGRATION_SERVICE;
            default:
                return VERIFICATION_SERVICE;
        }
    }

    /** A successful run, in the order it happens, one second apart. */
    public static List<EventEnvelope> happyPath() {
        return List.of(
                event(migrationRequested(), at(0)),
                event(backupCompleted(), at(1)),
                event(dataMigrated(8), at(2)),
                event(verificationPassed(), at(3)),
                event(cutoverReady(), at(4)));
    }

    /** A run whose verification fails and which is rolled back, in the order it happens. */
    public static List<EventEnvelope> rolledBackPath() {
        return List.of(
                event(migrationRequested(), at(0)),
                event(backupCompleted(), at(1)),
                event(dataMigrated(8), at(2)),
                event(verificationFailed(), at(3)),
                event(rollbackRequested(RollbackTrigger.DATA_INTEGRITY, "orders: expected 5 rows, found 4",
                        Phase.VERIFICATION), at(4)),
                event(MIGRATION_SERVICE, rollbackStep(MIGRATION_SERVICE, true, "dropped table orders",
                        "dropped table users"), at(5)),
                event(datasourceReverted(), at(6)));
    }

    /** One example event of every {@link EventType}, in declaration order. */
    public static List<EventEnvelope> oneOfEach() {
        return List.of(
                event(migrationRequested(), at(0)),
                event(backupCompleted(), at(1)),
                event(dataMigrated(8), at(2)),
                event(verificationPassed(), at(3)),
                event(verificationFailed(), at(3)),
                event(cutoverReady(), at(4)),
                event(phaseFailed(Phase.MIGRATION, "duplicate key users.id=7"), at(2)),
                event(rollbackRequested(RollbackTrigger.PHASE_FAILED, "duplicate key users.id=7", Phase.MIGRATION),
                        at(3)),
                event(MIGRATION_SERVICE, rollbackStep(MIGRATION_SERVICE, true, "dropped table users"), at(4)),
                event(datasourceReverted(), at(5)),
                progressEvent(Phase.MIGRATION, "users", 2, 3, at(2)),
                event(driftCheckRequested(), at(4)),
                event(driftFound(), at(5)),
                event(MIGRATION_ID, 2, "", retryRequested(Phase.VERIFICATION), at(7)),
                event(dryRunCompleted(), at(4)),
                event(runFinalized(io.jsonmig.events.payload.Finalization.OPERATOR), at(8)),
                event(reverseSyncExported(), at(9)),
                event(reverseSyncVerified(), at(10)),
                event(stabilizationBaselined(), at(3)),
                event("at-11", stabilizationChecked(true, 12.5), at(11)));
    }
}
