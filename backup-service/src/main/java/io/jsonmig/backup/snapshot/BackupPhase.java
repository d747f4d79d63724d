package io.jsonmig.backup.snapshot;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.BackupCompleted;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.support.ledger.PhaseRun;
import io.jsonmig.support.ledger.PhaseRuns;
import io.jsonmig.support.messaging.EventPublisher;
import io.jsonmig.support.messaging.FailureReporter;
import jakarta.enterprise.context.ApplicationScoped;

/** The backup phase: snapshot the source, then announce it; or fail and ask for a rollback. */
@ApplicationScoped
public class BackupPhase {

    private final SnapshotService snapshots;
    private final PhaseRuns phaseRuns;
    private final EventPublisher publisher;
    private final FailureReporter failures;

    public BackupPhase(SnapshotService snapshots, PhaseRuns phaseRuns, EventPublisher publisher,
                       FailureReporter failures) {
        this.snapshots = snapshots;
        this.phaseRuns = phaseRuns;
        this.publisher = publisher;
        this.failures = failures;
    }

    public void run(EventEnvelope requested) {
        MigrationRequested request = requested.payloadAs(MigrationRequested.class);
        Long phaseRun = null;
        SnapshotSummary snapshot;
        try {
            phaseRun = phaseRuns.start(requested.migrationId(), Phase.BACKUP, requested.attempt());
            snapshot = snapshots.take(requested.migrationId(), requested.attempt(), request.spec());
            phaseRuns.finish(phaseRun, PhaseRun.Status.SUCCEEDED, snapshot.location());
        } catch (RuntimeException e) {
            if (phaseRun != null) {
                phaseRuns.finish(phaseRun, PhaseRun.Status.FAILED, e.getMessage());
            }
            failures.phaseFailed(requested, Phase.BACKUP, request.spec(), e);
            return;
        }
        long records = snapshot.totalRecords();
        publisher.publish(requested, "backup/progress/records", new Progress(Phase.BACKUP, "records", records, records));
        publisher.publish(requested, "", new BackupCompleted(request.spec(), snapshot));
    }
}
