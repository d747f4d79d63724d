package io.jsonmig.verification.check;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.CutoverReady;
import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.events.payload.TableLoad;
import io.jsonmig.events.payload.VerificationFailed;
import io.jsonmig.events.payload.VerificationPassed;
import io.jsonmig.support.ledger.PhaseRun;
import io.jsonmig.support.ledger.PhaseRuns;
import io.jsonmig.support.messaging.EventPublisher;
import io.jsonmig.support.messaging.FailureReporter;
import io.jsonmig.support.paths.AllowedPaths;
import io.jsonmig.support.snapshot.SnapshotFiles;
import io.jsonmig.support.source.JsonRecords;
import io.jsonmig.support.target.TargetProfiles;
import io.jsonmig.verification.report.VerificationReports;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The verification phase: compare the snapshot with the target tables, keep the report, then
 * announce the cut-over or ask for a rollback.
 */
@ApplicationScoped
public class VerificationPhase {

    private final AllowedPaths paths;
    private final SnapshotFiles snapshots;
    private final TargetProfiles targets;
    private final VerificationReports reports;
    private final PhaseRuns phaseRuns;
    private final EventPublisher publisher;
    private final FailureReporter failures;
    private final Clock clock;

    public VerificationPhase(AllowedPaths paths, SnapshotFiles snapshots, TargetProfiles targets,
                             VerificationReports reports, PhaseRuns phaseRuns, EventPublisher publisher,
                             FailureReporter failures, Clock clock) {
        this.paths = paths;
        this.snapshots = snapshots;
        this.targets = targets;
        this.reports = reports;
        this.phaseRuns = phaseRuns;
        this.publisher = publisher;
        this.failures = failures;
        this.clock = clock;
    }

    public void run(EventEnvelope migrated) {
        DataMigrated data = migrated.payloadAs(DataMigrated.class);
        Instant startedAt = Instant.now(clock);
        Long phaseRun = null;
        CountVerdict verdict;
        try {
            phaseRun = phaseRuns.start(migrated.migrationId(), Phase.VERIFICATION, migrated.attempt());
            verdict = verify(migrated, data);
            reports.save(migrated.migrationId(), migrated.attempt(), data.spec().targetProfile(),
                    data.snapshot().snapshotId(), verdict, startedAt, Instant.now(clock));
            phaseRuns.finish(phaseRun, verdict.passed() ? PhaseRun.Status.SUCCEEDED : PhaseRun.Status.FAILED,
                    verdict.summary());
        } catch (RuntimeException e) {
            if (phaseRun != null) {
                phaseRuns.finish(phaseRun, PhaseRun.Status.FAILED, e.getMessage());
            }
            failures.phaseFailed(migrated, Phase.VERIFICATION, data.spec(), e);
            return;
        }
        announce(migrated, data, verdict);
    }

    private CountVerdict verify(EventEnvelope migrated, DataMigrated data) {
        CountComparison comparison = new CountComparison(countSnapshot(data.snapshot()),
                data.snapshot().recordsPerCollection(), data.tables());
        List<String> collections = comparison.collections();
        Map<String, TableCount> tableCounts = new HashMap<>();
        try (TargetTableCounter counter = TargetTableCounter.open(targets.resolve(data.spec().targetProfile()))) {
            for (int i = 0; i < collections.size(); i++) {
                String collection = collections.get(i);
                comparison.tableOf(collection).ifPresent(table -> tableCounts.computeIfAbsent(table, counter::count));
                publisher.publish(migrated, "verification/progress/" + collection,
                        new Progress(Phase.VERIFICATION, collection, i + 1, collections.size()));
            }
        }
        return comparison.verdict(tableCounts);
    }

    /** Counts the records as backup-service stored them, decoded on reading (compressed and encrypted too). */
    private Map<String, Long> countSnapshot(SnapshotSummary snapshot) {
        paths.directory(snapshot.location(), "snapshot directory");
        return JsonRecords.count(snapshots.source(snapshot));
    }

    private void announce(EventEnvelope migrated, DataMigrated data, CountVerdict verdict) {
        RunSpec spec = data.spec();
        String reportLocation = reports.locationOf(migrated.migrationId());
        if (verdict.passed()) {
            publisher.publish(migrated, "", new VerificationPassed(spec, verdict.collectionChecks(), reportLocation));
            List<String> tables = data.tables().stream().map(TableLoad::table).distinct().toList();
            publisher.publish(migrated, "", new CutoverReady(spec.targetProfile(), tables,
                    cutoverInstruction(spec, tables)));
        } else {
            publisher.publish(migrated, "", new VerificationFailed(spec, verdict.collectionChecks(),
                    verdict.summary(), reportLocation));
            failures.requestRollback(migrated, Phase.VERIFICATION, spec, RollbackTrigger.DATA_INTEGRITY,
                    verdict.summary());
        }
    }

    static String cutoverInstruction(RunSpec spec, List<String> tables) {
        return "switch the application's data source from the JSON files in " + spec.sourceDir()
                + " to PostgreSQL target profile '" + spec.targetProfile() + "' (tables " + String.join(", ", tables)
                + ")";
    }
}
