package io.jsonmig.backup.cutover;

import io.jsonmig.backup.drift.DriftCheck;
import io.jsonmig.backup.drift.SourceDrifts;
import io.jsonmig.backup.dryrun.RecordedRequests;
import io.jsonmig.backup.restore.SnapshotLookup;
import io.jsonmig.backup.restore.SnapshotRefusedException;
import io.jsonmig.backup.restore.TrustedSnapshots;
import io.jsonmig.backup.snapshot.Snapshot;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.CutoverReady;
import io.jsonmig.events.payload.DriftChecked;
import io.jsonmig.events.payload.FileDrift;
import io.jsonmig.events.payload.PhaseFailed;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.VerificationPassed;
import io.jsonmig.support.job.Cancellation;
import io.jsonmig.support.job.JobHandler;
import io.jsonmig.support.job.JobInterruption;
import io.jsonmig.support.ledger.PhaseRun;
import io.jsonmig.support.ledger.PhaseRuns;
import io.jsonmig.support.messaging.EventPublisher;
import io.jsonmig.support.messaging.FailureReporter;
import io.jsonmig.support.messaging.PhaseFailure;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * The cut-over guard: after the verification passed, the application may switch only if its live JSON
 * files still match the snapshot that was migrated. Otherwise it wrote meanwhile, those writes are not in
 * the target, and the run is rolled back with trigger {@link RollbackTrigger#SOURCE_DRIFT}. A dry run is never
 * cut over (migration-service ends it): the guard only publishes its drift check, for information.
 */
@ApplicationScoped
public class CutoverGuard implements JobHandler {

    /** The job of a {@code verification.passed}. */
    public static final String JOB = "cutover-guard";

    static final String DRIFT_STEP = "cutover";

    private final SnapshotLookup lookup;
    private final TrustedSnapshots trusted;
    private final DriftCheck drift;
    private final SourceDrifts sourceDrifts;
    private final PhaseRuns phaseRuns;
    private final EventPublisher publisher;
    private final FailureReporter failures;
    private final RecordedRequests requests;

    public CutoverGuard(SnapshotLookup lookup, TrustedSnapshots trusted, DriftCheck drift, SourceDrifts sourceDrifts,
                        PhaseRuns phaseRuns, EventPublisher publisher, FailureReporter failures,
                        RecordedRequests requests) {
        this.requests = requests;
        this.lookup = lookup;
        this.trusted = trusted;
        this.drift = drift;
        this.sourceDrifts = sourceDrifts;
        this.phaseRuns = phaseRuns;
        this.publisher = publisher;
        this.failures = failures;
    }

    @Override
    public String name() {
        return JOB;
    }

    /** Cancelled by a rollback requested meanwhile: no cut-over is announced for a run being undone. */
    @Override
    public void run(EventEnvelope verified, Cancellation cancellation) {
        VerificationPassed passed = verified.payloadAs(VerificationPassed.class);
        RunSpec spec = passed.spec();
        Long phaseRun = null;
        try {
            phaseRun = phaseRuns.start(verified.migrationId(), Phase.CUTOVER, verified.attempt());
            DriftChecked checked = compareWithSnapshot(verified.migrationId(), spec);
            publisher.publish(verified, DRIFT_STEP, checked);
            if (requests.isDryRun(verified.migrationId(), spec)) {
                String rehearsed = rehearsal(checked);
                Log.infof("[%s] %s", verified.migrationId(), rehearsed);
                phaseRuns.finish(phaseRun, PhaseRun.Status.SUCCEEDED, rehearsed);
                return;
            }
            if (checked.clean()) {
                cancellation.checkNow();
                List<String> tables = passed.tablesToSwitch();
                publisher.publish(verified, "", new CutoverReady(spec.targetProfile(), tables,
                        CutoverInstruction.of(spec, tables), spec.effectiveStabilization()));
                phaseRuns.finish(phaseRun, PhaseRun.Status.SUCCEEDED, "no drift against snapshot " + checked.snapshotId());
                return;
            }
            String reason = refusal(checked);
            phaseRuns.finish(phaseRun, PhaseRun.Status.FAILED, reason);
            if (checked.files().isEmpty()) {
                failures.phaseFailed(verified, Phase.CUTOVER, spec, new PhaseFailure(reason));
                return;
            }
            // Recorded before the rollback is requested: its source compensation must keep the live files.
            sourceDrifts.record(verified.migrationId(), verified.attempt(), checked.snapshotId(), driftedFiles(checked));
            Log.errorf("[%s] %s", verified.migrationId(), reason);
            publisher.publish(verified, Phase.CUTOVER.name(),
                    new PhaseFailed(Phase.CUTOVER, reason, checked.files().stream().map(CutoverGuard::problem).toList(),
                            spec));
            failures.requestRollback(verified, Phase.CUTOVER, spec, RollbackTrigger.SOURCE_DRIFT, reason);
        } catch (RuntimeException e) {
            if (phaseRun != null) {
                phaseRuns.finish(phaseRun, PhaseRun.Status.FAILED, e.getMessage());
            }
            if (spec.dryRun() && !(e instanceof JobInterruption)) {
                // The drift check of a rehearsal only informs: it must not roll back a run that ends without it.
                Log.errorf(e, "[%s] dry run: the drift check for information failed", verified.migrationId());
                return;
            }
            failures.phaseFailed(verified, Phase.CUTOVER, spec, e);
        }
    }

    /**
     * The guard will not finish: no cut-over is announced, the phase failed and the run rolls back, as when
     * its drift check fails. A dry run's guard only informs, so there it is only logged (the run ends with
     * migration-service's clean-up).
     */
    @Override
    public void abandoned(EventEnvelope verified, String reason) {
        RunSpec spec = verified.payloadAs(VerificationPassed.class).spec();
        phaseRuns.abandoned(verified.migrationId(), Phase.CUTOVER, verified.attempt(), reason);
        if (spec.dryRun()) {
            Log.errorf("[%s] dry run: the drift check for information cannot finish: %s", verified.migrationId(),
                    reason);
            return;
        }
        failures.phaseFailed(verified, Phase.CUTOVER, spec, new PhaseFailure("the cut-over guard cannot finish: "
                + reason));
    }

    /**
     * What a dry run learns from the guard: nothing is announced, and whether a real cut-over at this moment
     * would have been refused.
     */
    private static String rehearsal(DriftChecked checked) {
        return "dry run: no cut-over announced; " + (checked.clean()
                ? "the live JSON files still match snapshot " + checked.snapshotId() + ", so a real run would be ready"
                : "a real run's cut-over would have been refused now: "
                        + refusal(checked).substring("cut-over refused: ".length()));
    }

    /** Not clean, with no file named, when there is nothing trustworthy to compare with. */
    private DriftChecked compareWithSnapshot(String migrationId, RunSpec spec) {
        Optional<Snapshot> snapshot = lookup.latestFor(migrationId);
        if (snapshot.isEmpty()) {
            return new DriftChecked(null, spec.sourceDir(), false, List.of());
        }
        try {
            return drift.check(trusted.open(snapshot.get()));
        } catch (SnapshotRefusedException e) {
            Log.errorf("[%s] cut-over guard: %s", migrationId, e.getMessage());
            return new DriftChecked(snapshot.get().snapshotId, snapshot.get().sourceDir, false, List.of());
        }
    }

    private static String refusal(DriftChecked checked) {
        if (checked.files().isEmpty()) {
            return checked.snapshotId() == null
                    ? "cut-over refused: the run has no stored snapshot to compare the live JSON files in "
                            + checked.sourceDir() + " with"
                    : "cut-over refused: snapshot " + checked.snapshotId()
                            + " cannot be trusted, so the live JSON files cannot be shown to match it";
        }
        return "cut-over refused: " + checked.files().size() + " JSON file(s) in " + checked.sourceDir()
                + " changed after snapshot " + checked.snapshotId() + " (" + driftedFiles(checked)
                + "): the application wrote to them meanwhile and those writes are not in the target";
    }

    private static String driftedFiles(DriftChecked checked) {
        return String.join(", ", checked.files().stream().map(f -> f.path() + " " + f.change()).toList());
    }

    private static String problem(FileDrift file) {
        String backedUp = file.expectedBytes() + " bytes with SHA-256 " + file.expectedSha256() + " in the snapshot";
        if (FileDrift.MISSING.equals(file.change())) {
            return file.path() + ": missing now; " + backedUp;
        }
        return file.path() + ": changed since the backup; " + backedUp + ", "
                + (file.actualSha256() == null ? "cannot be read now"
                        : file.actualBytes() + " bytes with SHA-256 " + file.actualSha256() + " now");
    }
}
