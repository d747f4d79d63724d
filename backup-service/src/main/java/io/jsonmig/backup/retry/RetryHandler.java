package io.jsonmig.backup.retry;

import io.jsonmig.backup.drift.DriftCheck;
import io.jsonmig.backup.restore.SnapshotLookup;
import io.jsonmig.backup.restore.SnapshotRefusedException;
import io.jsonmig.backup.restore.TrustedSnapshots;
import io.jsonmig.backup.retention.RunActivities;
import io.jsonmig.backup.snapshot.BackupPhase;
import io.jsonmig.backup.snapshot.Snapshot;
import io.jsonmig.backup.snapshot.SnapshotService;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.BackupCompleted;
import io.jsonmig.events.payload.DriftChecked;
import io.jsonmig.events.payload.PhaseFailed;
import io.jsonmig.events.payload.RetryRequested;
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

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Starts the next attempt of a rolled-back run: the backup phase again, reusing the run's snapshot when
 * it still verifies and the live files still match it, so that the load and the verification run again
 * on exactly what was backed up.
 */
@ApplicationScoped
public class RetryHandler implements JobHandler {

    /** The job of a {@code retry.requested}. */
    public static final String JOB = "retry";

    private final RolledBackAttempts rolledBack;
    private final SnapshotLookup lookup;
    private final SnapshotService snapshots;
    private final TrustedSnapshots trusted;
    private final DriftCheck drift;
    private final BackupPhase backup;
    private final RunActivities runs;
    private final PhaseRuns phaseRuns;
    private final EventPublisher publisher;
    private final FailureReporter failures;

    public RetryHandler(RolledBackAttempts rolledBack, SnapshotLookup lookup, SnapshotService snapshots,
                        TrustedSnapshots trusted, DriftCheck drift, BackupPhase backup, RunActivities runs,
                        PhaseRuns phaseRuns, EventPublisher publisher, FailureReporter failures) {
        this.rolledBack = rolledBack;
        this.lookup = lookup;
        this.snapshots = snapshots;
        this.trusted = trusted;
        this.drift = drift;
        this.backup = backup;
        this.runs = runs;
        this.phaseRuns = phaseRuns;
        this.publisher = publisher;
        this.failures = failures;
    }

    @Override
    public String name() {
        return JOB;
    }

    @Override
    public void run(EventEnvelope retry, Cancellation cancellation) {
        RetryRequested request = retry.payloadAs(RetryRequested.class);
        RunSpec spec = request.spec();
        Optional<String> refusal = rolledBack.refusal(retry.migrationId(), retry.attempt() - 1);
        if (refusal.isPresent()) {
            // No rollback request: whatever the run is doing, a refused retry must not disturb it.
            Log.warnf("[%s] retry as attempt %d refused: %s", retry.migrationId(), retry.attempt(), refusal.get());
            publisher.publish(retry, Phase.BACKUP.name(), new PhaseFailed(Phase.BACKUP,
                    "retry refused: " + refusal.get(), List.of(refusal.get()), spec));
            return;
        }
        runs.note(retry);
        Optional<Snapshot> latest = lookup.latestFor(retry.migrationId());
        if (request.failedPhase() == Phase.BACKUP || latest.isEmpty()) {
            Log.infof("[%s] retry as attempt %d: taking a new snapshot (%s)", retry.migrationId(), retry.attempt(),
                    latest.isEmpty() ? "the run has no stored snapshot" : "the backup itself failed");
            backup.run(retry, spec, cancellation);
            return;
        }
        Snapshot snapshot = latest.get();
        try {
            verify(snapshot);
            DriftChecked live = drift.check(trusted.open(snapshot));
            if (live.clean()) {
                announceAgain(retry, spec, snapshot);
                return;
            }
            // The application wrote after that backup: its files are the truth now, so back them up anew.
            Log.infof("[%s] retry as attempt %d: %s; taking a new snapshot", retry.migrationId(), retry.attempt(),
                    live.describe());
        } catch (RuntimeException e) {
            failures.phaseFailed(retry, Phase.BACKUP, spec, e);
            return;
        }
        backup.run(retry, spec, cancellation);
    }

    /**
     * The retry will not finish: a retry that was refused stays refused (and disturbs nothing); otherwise its
     * backup phase failed, as when reusing the snapshot fails, and the new attempt rolls back.
     */
    @Override
    public void abandoned(EventEnvelope retry, String reason) {
        RunSpec spec = retry.payloadAs(RetryRequested.class).spec();
        Optional<String> refusal = rolledBack.refusal(retry.migrationId(), retry.attempt() - 1);
        if (refusal.isPresent()) {
            publisher.publish(retry, Phase.BACKUP.name(), new PhaseFailed(Phase.BACKUP,
                    "retry refused: " + refusal.get(), List.of(refusal.get()), spec));
            return;
        }
        backup.abandoned(retry, spec, reason);
    }

    private void verify(Snapshot snapshot) {
        List<String> problems;
        try {
            problems = snapshots.check(snapshot);
        } catch (IOException e) {
            problems = List.of(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new PhaseFailure("snapshot " + snapshot.snapshotId + " no longer verifies, so the retry cannot "
                    + "reuse it: " + String.join("; ", problems), problems);
        }
    }

    private void announceAgain(EventEnvelope retry, RunSpec spec, Snapshot snapshot) {
        long phaseRun = phaseRuns.start(retry.migrationId(), Phase.BACKUP, retry.attempt());
        SnapshotSummary summary;
        try {
            summary = snapshots.summaryOf(snapshot);
        } catch (IOException | SnapshotRefusedException e) {
            phaseRuns.finish(phaseRun, PhaseRun.Status.FAILED, e.getMessage());
            throw new PhaseFailure("snapshot " + snapshot.snapshotId + " cannot be read: " + e.getMessage());
        }
        phaseRuns.finish(phaseRun, PhaseRun.Status.SUCCEEDED, "reused snapshot " + snapshot.snapshotId
                + " of attempt " + snapshot.attempt + ", verified again");
        Log.infof("[%s] retry as attempt %d reuses snapshot %s", retry.migrationId(), retry.attempt(),
                snapshot.snapshotId);
        publisher.publish(retry, "", new BackupCompleted(spec, summary));
    }
}
