package io.jsonmig.verification.check;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.TableLoad;
import io.jsonmig.events.payload.VerificationFailed;
import io.jsonmig.events.payload.VerificationPassed;
import io.jsonmig.support.job.Cancellation;
import io.jsonmig.support.job.JobHandler;
import io.jsonmig.support.ledger.PhaseRun;
import io.jsonmig.support.ledger.PhaseRuns;
import io.jsonmig.support.messaging.EventPublisher;
import io.jsonmig.support.messaging.FailureReporter;
import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.target.TargetProfiles;
import io.jsonmig.verification.report.VerificationReport;
import io.jsonmig.verification.report.VerificationReports;
import io.jsonmig.verification.smoke.SmokeChecks;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The verification phase: compare the snapshot with the target tables ({@link SnapshotComparison}:
 * counts, then every record row by row with its column figures, keys and schema), run the smoke checks,
 * keep the report, then announce that the verification passed (backup-service then guards the cut-over)
 * or ask for a rollback.
 */
@ApplicationScoped
public class VerificationPhase implements JobHandler {

    /** The job of a {@code data.migrated}. */
    public static final String JOB = "verification";

    private final SnapshotComparison comparison;
    private final TargetProfiles targets;
    private final SmokeChecks smokeChecks;
    private final VerificationReports reports;
    private final PhaseRuns phaseRuns;
    private final EventPublisher publisher;
    private final FailureReporter failures;
    private final Clock clock;

    public VerificationPhase(SnapshotComparison comparison, TargetProfiles targets, SmokeChecks smokeChecks,
                             VerificationReports reports, PhaseRuns phaseRuns, EventPublisher publisher,
                             FailureReporter failures, Clock clock) {
        this.comparison = comparison;
        this.targets = targets;
        this.smokeChecks = smokeChecks;
        this.reports = reports;
        this.phaseRuns = phaseRuns;
        this.publisher = publisher;
        this.failures = failures;
        this.clock = clock;
    }

    @Override
    public String name() {
        return JOB;
    }

    /** A cancelled verification stops at its next progress report: it changed nothing but its report. */
    @Override
    public void run(EventEnvelope migrated, Cancellation cancellation) {
        DataMigrated data = migrated.payloadAs(DataMigrated.class);
        Instant startedAt = Instant.now(clock);
        Long phaseRun = null;
        Verdict verdict;
        try {
            phaseRun = phaseRuns.start(migrated.migrationId(), Phase.VERIFICATION, migrated.attempt());
            verdict = verify(migrated, data, cancellation);
            cancellation.checkNow(); // a run rolled back meanwhile gets no verdict, least of all a cut-over
            reports.save(VerificationReport.FORWARD, migrated.migrationId(), migrated.attempt(),
                    data.spec().targetProfile(), data.snapshot().snapshotId(), verdict, startedAt, Instant.now(clock));
            phaseRuns.finish(phaseRun, verdict.passed() ? PhaseRun.Status.SUCCEEDED : PhaseRun.Status.FAILED,
                    verdict.summary());
        } catch (RuntimeException e) {
            if (phaseRun != null) {
                phaseRuns.finish(phaseRun, PhaseRun.Status.FAILED, e.getMessage());
            }
            failures.phaseFailed(migrated, Phase.VERIFICATION, data.spec(), e);
            return;
        }
        cancellation.checkNow();
        announce(migrated, data, verdict);
    }

    /**
     * The verification will not finish (an error, a service that died under it): no verdict, the phase
     * failed as any failure of it does, and the run rolls back.
     */
    @Override
    public void abandoned(EventEnvelope migrated, String reason) {
        phaseRuns.abandoned(migrated.migrationId(), Phase.VERIFICATION, migrated.attempt(), reason);
        failures.phaseFailed(migrated, Phase.VERIFICATION, migrated.payloadAs(DataMigrated.class).spec(),
                new PhaseFailure("the verification cannot finish: " + reason));
    }

    private Verdict verify(EventEnvelope migrated, DataMigrated data, Cancellation cancellation) {
        SnapshotComparison.Request request = new SnapshotComparison.Request(migrated.migrationId(), data.spec(),
                data.snapshot(), new ForwardTables(migrated.migrationId(), data));
        Verdict verdict = comparison.compare(request, cancellation, (table, done, total) -> {
            String tableName = table.table().name().toString();
            publisher.publish(migrated, "verification/progress/" + tableName + (done >= total ? "" : "/" + done),
                    new Progress(Phase.VERIFICATION, table.child() ? tableName : table.collection(), done, total));
        });
        cancellation.check();
        // A dry run's smoke checks run in its throwaway schema, as its data checks did.
        return verdict.withSmoke(smokeChecks.run(data.spec(), targets.resolve(data.spec(), migrated.migrationId())));
    }

    private void announce(EventEnvelope migrated, DataMigrated data, Verdict verdict) {
        RunSpec spec = data.spec();
        String reportLocation = reports.locationOf(migrated.migrationId());
        if (verdict.passed()) {
            // backup-service announces the cut-over once the live JSON files still match the snapshot.
            List<String> tables = data.tables().stream().map(TableLoad::table).distinct().toList();
            publisher.publish(migrated, "", new VerificationPassed(spec, verdict.collectionChecks(), reportLocation,
                    tables));
        } else {
            publisher.publish(migrated, "", new VerificationFailed(spec, verdict.collectionChecks(),
                    verdict.summary(), reportLocation));
            failures.requestRollback(migrated, Phase.VERIFICATION, spec, verdict.rollbackTrigger(),
                    verdict.summary());
        }
    }

}
