package io.jsonmig.verification.reverse;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.events.payload.ReverseSyncExported;
import io.jsonmig.events.payload.ReverseSyncVerified;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.support.job.Cancellation;
import io.jsonmig.support.job.JobHandler;
import io.jsonmig.support.job.JobInterruption;
import io.jsonmig.support.ledger.PhaseRun;
import io.jsonmig.support.ledger.PhaseRuns;
import io.jsonmig.support.messaging.EventPublisher;
import io.jsonmig.support.messaging.FailureReason;
import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.paths.AllowedPaths;
import io.jsonmig.support.snapshot.SnapshotCodec;
import io.jsonmig.support.snapshot.SnapshotVerifier;
import io.jsonmig.verification.check.SnapshotComparison;
import io.jsonmig.verification.check.TableVerification;
import io.jsonmig.verification.check.Verdict;
import io.jsonmig.verification.metrics.VerifiedRows;
import io.jsonmig.verification.report.VerificationReport;
import io.jsonmig.verification.report.VerificationReports;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.jsonmig.events.payload.RollbackStepCompleted.VERIFIER;

/**
 * A rollback after the cut-over, before any JSON file is touched: the reverse sync's export is compared with
 * the fenced tables by the forward verification's own comparison ({@link SnapshotComparison}: counts, row by
 * row, column figures, keys; no smoke checks, which check the application on PostgreSQL, not an export). The
 * export must first match its own manifest (the one whose SHA-256 the event carries, which backup-service trusts
 * when it restores), so that the bytes verified here are the bytes restored there. The
 * report is kept beside the forward one ({@code /verifications/{migrationId}/reverse-sync}). An export that
 * agrees is announced ({@code reverse-sync.verified}: backup-service then restores the live files from it);
 * any disagreement, or an export that cannot be checked, fails this rollback step: the live files and the
 * fenced tables stay as they are and the run is FAILED, for an operator.
 *
 * <p>Only reads: after a crash it runs again from the start, replacing its report and publishing the same ids.
 */
@ApplicationScoped
public class ReverseSyncVerification implements JobHandler {

    /** The job of a {@code reverse-sync.exported}. */
    public static final String JOB = "reverse-sync-verification";

    /** First differences named per table in the failed step's actions. */
    private static final int NAMED_PER_TABLE = 3;
    private static final String LEFT_AS_THEY_ARE = "the live JSON files and the fenced tables are left as they are";

    private final AllowedPaths paths;
    private final SnapshotVerifier manifests;
    private final SnapshotComparison comparison;
    private final VerificationReports reports;
    private final PhaseRuns phaseRuns;
    private final EventPublisher publisher;
    private final VerifiedRows verifiedRows;
    private final Clock clock;

    public ReverseSyncVerification(AllowedPaths paths, SnapshotCodec codec, SnapshotComparison comparison,
                                   VerificationReports reports, PhaseRuns phaseRuns, EventPublisher publisher,
                                   VerifiedRows verifiedRows, Clock clock) {
        this.paths = paths;
        this.manifests = new SnapshotVerifier(codec);
        this.comparison = comparison;
        this.reports = reports;
        this.phaseRuns = phaseRuns;
        this.publisher = publisher;
        this.verifiedRows = verifiedRows;
        this.clock = clock;
    }

    @Override
    public String name() {
        return JOB;
    }

    @Override
    public void run(EventEnvelope exported, Cancellation cancellation) {
        ReverseSyncExported export = exported.payloadAs(ReverseSyncExported.class);
        RunSpec spec = export.spec();
        String migrationId = exported.migrationId();
        String snapshotId = export.snapshot().snapshotId();
        Instant startedAt = Instant.now(clock);
        long phaseRun = phaseRuns.start(migrationId, Phase.STABILIZATION, exported.attempt());
        Verdict verdict;
        try {
            List<String> unlike = manifests.check(paths.directory(export.snapshot().location(), "snapshot directory"),
                    export.snapshot().manifestSha256());
            if (!unlike.isEmpty()) {
                phaseRuns.finish(phaseRun, PhaseRun.Status.FAILED, String.join("; ", unlike));
                List<String> actions = new ArrayList<>();
                actions.add("the export " + snapshotId + " does not match its manifest, so it was not compared with "
                        + "the fenced tables and must not be restored: " + unlike.size() + " problem(s)");
                actions.addAll(unlike);
                actions.add(LEFT_AS_THEY_ARE);
                failStep(exported, spec, actions);
                return;
            }
            FencedTables tables = new FencedTables(export);
            verdict = comparison.compare(new SnapshotComparison.Request(migrationId, spec, export.snapshot(), tables),
                    cancellation, (table, done, total) -> {
                        String tableName = table.table().name().toString();
                        publisher.publish(exported, JOB + "/progress/" + tableName + (done >= total ? "" : "/" + done),
                                new Progress(Phase.ROLLBACK, table.child() ? tableName : table.collection(), done,
                                        total));
                    });
            verdict = verdict.withProblems(tables.problems());
            reports.save(VerificationReport.REVERSE_SYNC, migrationId, exported.attempt(), spec.targetProfile(),
                    snapshotId, verdict, startedAt, Instant.now(clock));
            phaseRuns.finish(phaseRun, verdict.passed() ? PhaseRun.Status.SUCCEEDED : PhaseRun.Status.FAILED,
                    verdict.summary());
        } catch (JobInterruption e) {
            throw e; // the broker did not take a progress event: runs again from the start
        } catch (RuntimeException e) {
            String reason = e instanceof PhaseFailure ? e.getMessage() : FailureReason.of(e);
            if (e instanceof PhaseFailure) {
                Log.errorf("[%s] cannot verify the reverse sync's export %s: %s", migrationId, snapshotId, reason);
            } else {
                Log.errorf(e, "[%s] cannot verify the reverse sync's export %s", migrationId, snapshotId);
            }
            phaseRuns.finish(phaseRun, PhaseRun.Status.FAILED, reason);
            failStep(exported, spec, List.of("cannot verify the export " + snapshotId + " against the fenced tables: "
                    + reason, LEFT_AS_THEY_ARE));
            return;
        }
        verifiedRows.reverseSync(verdict.collectionChecks());
        String reportLocation = reports.reverseSyncLocationOf(migrationId);
        if (verdict.passed()) {
            publisher.publish(exported, "", new ReverseSyncVerified(spec, export.snapshot(),
                    verdict.collectionChecks(), reportLocation, export.collections()));
        } else {
            failStep(exported, spec, disagreement(snapshotId, verdict, reportLocation));
        }
    }

    /** The verification will not finish (an error, a service that died under it): the step fails, no file changes. */
    @Override
    public void abandoned(EventEnvelope exported, String reason) {
        ReverseSyncExported export = exported.payloadAs(ReverseSyncExported.class);
        phaseRuns.abandoned(exported.migrationId(), Phase.STABILIZATION, exported.attempt(), reason);
        failStep(exported, export.spec(), List.of("cannot verify the export " + export.snapshot().snapshotId()
                + " against the fenced tables: " + reason, LEFT_AS_THEY_ARE));
    }

    /**
     * What disagreed, for the operator: the summary, the first differences of each table that failed (table,
     * key, columns; never values, which stay in the report), where the report is, and that nothing was touched.
     */
    static List<String> disagreement(String snapshotId, Verdict verdict, String reportLocation) {
        List<String> actions = new ArrayList<>();
        actions.add("the export " + snapshotId + " disagrees with the fenced tables: " + verdict.summary());
        for (TableVerification table : verdict.tables()) {
            table.differences().stream().limit(NAMED_PER_TABLE).map(d -> d.describe(table.table()))
                    .forEach(actions::add);
        }
        actions.add("report: " + reportLocation + " (" + reportLocation + ".html)");
        actions.add(LEFT_AS_THEY_ARE);
        return actions;
    }

    private void failStep(EventEnvelope exported, RunSpec spec, List<String> actions) {
        publisher.publish(exported, VERIFIER + "|" + exported.eventId(),
                new RollbackStepCompleted(VERIFIER, Phase.STABILIZATION, actions, false, spec));
    }
}
