package io.jsonmig.cli.testing;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.BackupCompleted;
import io.jsonmig.events.payload.CollectionCheck;
import io.jsonmig.events.payload.CutoverReady;
import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.DatasourceReverted;
import io.jsonmig.events.payload.DriftChecked;
import io.jsonmig.events.payload.EventPayload;
import io.jsonmig.events.payload.FileDrift;
import io.jsonmig.events.payload.MaintenanceWindow;
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
import io.jsonmig.events.payload.VerificationPassed;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The events of one run as the services would publish them, at explicit times: {@code at(3)} is 3 s after the start. */
public final class RunEvents {

    public final String id = MigrationIds.newId(Clock.systemUTC());
    private final Instant start = Instant.now().minusSeconds(60);
    private final RunSpec spec = new RunSpec("/srv/blog/json", "/srv/blog/schema", "/srv/blog/mapping.json", "staging",
            "alice");

    private int attempt = 1;

    /** The events built from now on belong to this attempt of the run. */
    public RunEvents inAttempt(int attempt) {
        this.attempt = attempt;
        return this;
    }

    public RunSpec spec() {
        return spec;
    }

    public Instant at(double seconds) {
        return start.plusMillis((long) (seconds * 1000));
    }

    public EventEnvelope requested(double t) {
        return event("jsonmig-cli", "", new MigrationRequested(spec), t);
    }

    /** A request for a run that waits for {@code window}. */
    public EventEnvelope requested(double t, MaintenanceWindow window) {
        return event("jsonmig-cli", "", new MigrationRequested(spec.withMaintenanceWindow(window)), t);
    }

    public EventEnvelope waitingForWindow(double t, long seconds) {
        return event("backup-service", "waiting", new Progress(Phase.BACKUP, Progress.WAITING_FOR_WINDOW, 0, seconds), t);
    }

    public EventEnvelope backupCompleted(double t) {
        return event("backup-service", "", new BackupCompleted(spec, snapshot()), t);
    }

    public EventEnvelope progress(double t, String table, long done, long total) {
        return event("migration-service", "progress-" + table + "-" + done,
                new Progress(Phase.MIGRATION, table, done, total), t);
    }

    /** Any progress, as the service of its phase publishes it, e.g. {@code Progress.atRate(...)}. */
    public EventEnvelope progress(double t, Progress progress) {
        String producer = switch (progress.phase()) {
            case BACKUP, CUTOVER, ROLLBACK -> "backup-service";
            case MIGRATION -> "migration-service";
            case VERIFICATION, STABILIZATION -> "verification-service";
        };
        return event(producer, "progress-" + progress.phase() + "-" + progress.item() + "-" + progress.done(),
                progress, t);
    }

    public EventEnvelope dataMigrated(double t) {
        return event("migration-service", "", new DataMigrated(spec, snapshot(), List.of("1 create tables", "2 indexes"),
                List.of(new TableLoad("users", "users", 40), new TableLoad("posts", "posts", 120),
                        new TableLoad("comments", "comments", 300)), 460, 2300), t);
    }

    public EventEnvelope verificationPassed(double t) {
        return event("verification-service", "", new VerificationPassed(spec, List.of(
                new CollectionCheck("users", "users", 40, 40, true),
                new CollectionCheck("posts", "posts", 120, 120, true),
                new CollectionCheck("comments", "comments", 300, 300, true)),
                "http://127.0.0.1:8083/verifications/" + id), t);
    }

    public EventEnvelope cutoverReady(double t) {
        return event("backup-service", "", new CutoverReady("staging", List.of("users", "posts", "comments"),
                "switch the application's data source to PostgreSQL target profile 'staging'"), t);
    }

    /** The cut-over of a run that keeps a stabilization window of {@code window}. */
    public EventEnvelope cutoverReady(double t, java.time.Duration window) {
        return event("backup-service", "", new CutoverReady("staging", List.of("users", "posts", "comments"),
                "switch the application's data source to PostgreSQL target profile 'staging'",
                io.jsonmig.events.payload.Stabilization.of(window)), t);
    }

    public EventEnvelope phaseFailed(double t, Phase phase, String reason) {
        return phaseFailed(t, phase, reason, List.of(reason));
    }

    public EventEnvelope phaseFailed(double t, Phase phase, String reason, List<String> problems) {
        return event("migration-service", phase.name(), new PhaseFailed(phase, reason, problems, spec), t);
    }

    public EventEnvelope rollbackRequested(double t, Phase phase, String reason) {
        return event("migration-service", phase.name(),
                new RollbackRequested(RollbackTrigger.PHASE_FAILED, reason, phase, spec), t);
    }

    public EventEnvelope rollbackStep(double t, String compensator, boolean succeeded, String... actions) {
        return event(compensator, compensator, new RollbackStepCompleted(compensator, Phase.MIGRATION, List.of(actions),
                succeeded, spec), t);
    }

    public EventEnvelope retryRequested(double t, Phase failedPhase) {
        return event("jsonmig-cli", "", new RetryRequested(spec, failedPhase, "alice", null), t);
    }

    public EventEnvelope datasourceReverted(double t) {
        return event("backup-service", "", new DatasourceReverted(spec.sourceDir(), "migration failed",
                "switch the application back to its JSON files in " + spec.sourceDir()), t);
    }

    public EventEnvelope driftChecked(double t, boolean clean) {
        return event("backup-service", "drift-" + t, new DriftChecked("snap-1", spec.sourceDir(), clean, clean ? List.of()
                : List.of(new FileDrift("db.json", FileDrift.CHANGED, 184_000, 184_100L, "ab".repeat(32), "cd".repeat(32)))),
                t);
    }

    private static SnapshotSummary snapshot() {
        Map<String, Long> records = new LinkedHashMap<>();
        records.put("users", 40L);
        records.put("posts", 120L);
        records.put("comments", 300L);
        return new SnapshotSummary("snap-1", "/srv/snapshots/snap-1", "db-json", 1, 184_000, records, "ab".repeat(32));
    }

    private EventEnvelope event(String producer, String step, EventPayload payload, double t) {
        return EventEnvelope.of(id, attempt, producer, step, payload, at(t));
    }
}
