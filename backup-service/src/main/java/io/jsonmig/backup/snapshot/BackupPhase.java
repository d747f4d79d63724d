package io.jsonmig.backup.snapshot;

import io.jsonmig.backup.retention.RunActivities;
import io.jsonmig.backup.retention.SnapshotRetention;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.BackupCompleted;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.support.job.Cancellation;
import io.jsonmig.support.job.JobHandler;
import io.jsonmig.support.ledger.PhaseRun;
import io.jsonmig.support.ledger.PhaseRuns;
import io.jsonmig.support.messaging.EventPublisher;
import io.jsonmig.support.messaging.FailureReporter;
import io.jsonmig.support.messaging.PhaseFailure;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/** The backup phase: check and snapshot the source, then announce it; or fail and ask for a rollback. */
@ApplicationScoped
public class BackupPhase implements JobHandler {

    /** The job of a {@code migration.requested}, due when its maintenance window opens. */
    public static final String JOB = "backup";

    private final SnapshotService snapshots;
    private final PhaseRuns phaseRuns;
    private final EventPublisher publisher;
    private final FailureReporter failures;
    private final RunActivities runs;
    private final SnapshotRetention retention;

    public BackupPhase(SnapshotService snapshots, PhaseRuns phaseRuns, EventPublisher publisher,
                       FailureReporter failures, RunActivities runs, SnapshotRetention retention) {
        this.snapshots = snapshots;
        this.phaseRuns = phaseRuns;
        this.publisher = publisher;
        this.failures = failures;
        this.runs = runs;
        this.retention = retention;
    }

    @Override
    public String name() {
        return JOB;
    }

    /** A cancelled backup stops after the buffer it is copying; the source files are only ever read. */
    @Override
    public void run(EventEnvelope requested, Cancellation cancellation) {
        run(requested, requested.payloadAs(MigrationRequested.class).spec(), cancellation);
    }

    /**
     * The backup will not finish (an error, a service that died under it): the phase failed as any failure
     * of it does, and the run rolls back (nothing to undo in the source, which is only ever read).
     */
    @Override
    public void abandoned(EventEnvelope requested, String reason) {
        abandoned(requested, requested.payloadAs(MigrationRequested.class).spec(), reason);
    }

    /** The backup of {@code requested} (a request, or a retry that needed a new snapshot) will not finish. */
    public void abandoned(EventEnvelope requested, RunSpec spec, String reason) {
        phaseRuns.abandoned(requested.migrationId(), Phase.BACKUP, requested.attempt(), reason);
        failures.phaseFailed(requested, Phase.BACKUP, spec, new PhaseFailure("the backup cannot finish: " + reason));
    }

    /**
     * Snapshots the source for the attempt of {@code requested}: a migration request, or a retry that
     * needs a new snapshot.
     */
    public void run(EventEnvelope requested, RunSpec spec, Cancellation cancellation) {
        Long phaseRun = null;
        SnapshotSummary snapshot;
        try {
            runs.note(requested);
            phaseRun = phaseRuns.start(requested.migrationId(), Phase.BACKUP, requested.attempt());
            CopyProgress events = new CopyProgressEvents(publisher, requested);
            snapshot = snapshots.take(requested.migrationId(), requested.attempt(), spec, (done, total) -> {
                cancellation.check();
                events.copied(done, total);
            });
            phaseRuns.finish(phaseRun, PhaseRun.Status.SUCCEEDED, snapshot.location());
        } catch (RuntimeException e) {
            if (phaseRun != null) {
                phaseRuns.finish(phaseRun, PhaseRun.Status.FAILED, e.getMessage());
            }
            failures.phaseFailed(requested, Phase.BACKUP, spec, e);
            return;
        }
        cancellation.checkNow();
        long records = snapshot.totalRecords();
        publisher.publish(requested, "backup/progress/records", new Progress(Phase.BACKUP, "records", records, records));
        publisher.publish(requested, "", new BackupCompleted(spec, snapshot));
        try {
            retention.applyForRun(requested.migrationId());
        } catch (RuntimeException e) {
            Log.errorf(e, "[%s] retention failed; the snapshots are kept", requested.migrationId());
        }
    }
}
