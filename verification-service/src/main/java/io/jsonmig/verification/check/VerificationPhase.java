package io.jsonmig.verification.check;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.events.payload.TableLoad;
import io.jsonmig.events.payload.VerificationFailed;
import io.jsonmig.events.payload.VerificationPassed;
import io.jsonmig.migration.mapping.CollectionPlan;
import io.jsonmig.support.job.Cancellation;
import io.jsonmig.support.job.JobHandler;
import io.jsonmig.support.ledger.PhaseRun;
import io.jsonmig.support.ledger.PhaseRuns;
import io.jsonmig.support.messaging.EventPublisher;
import io.jsonmig.support.messaging.FailureReporter;
import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.paths.AllowedPaths;
import io.jsonmig.support.snapshot.SnapshotFiles;
import io.jsonmig.support.source.JsonRecords;
import io.jsonmig.support.source.SourceSet;
import io.jsonmig.support.target.TargetDatabase;
import io.jsonmig.support.target.TargetProfiles;
import io.jsonmig.verification.config.VerificationConfig;
import io.jsonmig.verification.plan.RunPlan;
import io.jsonmig.verification.plan.RunPlans;
import io.jsonmig.verification.report.VerificationReports;
import io.jsonmig.verification.smoke.SmokeChecks;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The verification phase: compare the snapshot with the target tables — counts, then every record row
 * by row with its column figures, keys and schema — run the smoke checks, keep the report, then
 * announce that the verification passed (backup-service then guards the cut-over) or ask for a rollback.
 */
@ApplicationScoped
public class VerificationPhase implements JobHandler {

    /** The job of a {@code data.migrated}. */
    public static final String JOB = "verification";

    private static final Logger LOG = Logger.getLogger(VerificationPhase.class);

    private final AllowedPaths paths;
    private final SnapshotFiles snapshots;
    private final TargetProfiles targets;
    private final RunPlans plans;
    private final SmokeChecks smokeChecks;
    private final VerificationReports reports;
    private final PhaseRuns phaseRuns;
    private final EventPublisher publisher;
    private final FailureReporter failures;
    private final VerificationConfig config;
    private final Clock clock;

    public VerificationPhase(AllowedPaths paths, SnapshotFiles snapshots, TargetProfiles targets, RunPlans plans,
                             SmokeChecks smokeChecks, VerificationReports reports, PhaseRuns phaseRuns,
                             EventPublisher publisher, FailureReporter failures, VerificationConfig config,
                             Clock clock) {
        this.paths = paths;
        this.snapshots = snapshots;
        this.targets = targets;
        this.plans = plans;
        this.smokeChecks = smokeChecks;
        this.reports = reports;
        this.phaseRuns = phaseRuns;
        this.publisher = publisher;
        this.failures = failures;
        this.config = config;
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
        SourceSet source = snapshotSource(data.snapshot());
        // a plain snapshot with the backup's offsets is counted while its collections are compared
        Map<String, Long> announced = SnapshotFiles.indexNotedByBackup(data.snapshot())
                .map(JsonRecords.SourceIndex::counts).orElse(null);
        Map<String, Long> records = announced != null ? announced : JsonRecords.count(source);
        // A dry run's tables are in its throwaway schema: every connection of the run works there.
        TargetDatabase target = targets.resolve(data.spec(), migrated.migrationId());
        Map<String, TableCount> tableCounts = new HashMap<>();
        List<TableVerification> tables = new ArrayList<>();
        RunPlan plan;
        CountComparison comparison;
        try (TargetTableCounter counter = TargetTableCounter.open(target)) {
            plan = plans.plan(counter.connection(), data.spec(), migrated.migrationId(),
                    List.copyOf(records.keySet()), data.tables().stream().map(TableLoad::table).toList());
            Set<String> childTables = plan.collections().stream().flatMap(c -> c.children().stream())
                    .map(c -> c.table().name().toString()).collect(Collectors.toSet());
            Map<String, Set<Long>> rejected = RejectedRecords.read(counter.connection(), plan.defaultSchema(),
                    migrated.migrationId());
            TableVerifier verifier = new TableVerifier(counter.connection(), source, settings());
            for (CollectionPlan collection : plan.collections()) {
                String name = collection.collection();
                List<TableSource> sources = new ArrayList<>();
                sources.add(TableSource.of(collection));
                collection.children().forEach(child -> sources.add(TableSource.child(collection, child)));
                for (TableSource table : sources) {
                    String tableName = table.table().name().toString();
                    TableLoad load = data.tables().stream().filter(t -> t.collection().equals(name)
                            && (table.child() ? t.table().equals(tableName) : !childTables.contains(t.table())))
                            .findFirst().orElse(null);
                    long total = records.getOrDefault(name, 0L);
                    cancellation.check();
                    TableVerification verified = verifier.verify(table, load, total,
                            rejected.getOrDefault(table.name(), Set.of()), done -> {
                                cancellation.check();
                                publisher.publish(migrated,
                                        "verification/progress/" + tableName + (done >= total ? "" : "/" + done),
                                        new Progress(Phase.VERIFICATION, table.child() ? tableName : name, done, total));
                            });
                    LOG.infof("verified %s of run %s: %d records, %d rows in %d ms (%d rows/s), %s", verified.table(),
                            migrated.migrationId(), verified.records(), verified.rows(), verified.millis(),
                            verified.rowsPerSecond(),
                            verified.passed() ? "equal" : verified.problems().size() + " problem(s)");
                    tables.add(verified);
                }
            }
            if (announced != null) {
                records = countedWhileRead(source, announced, verifier.recordsRead());
            }
            comparison = new CountComparison(records, data.snapshot().recordsPerCollection(), data.tables(),
                    childTables);
            for (String collection : comparison.collections()) {
                comparison.tableOf(collection).ifPresent(table -> tableCounts.computeIfAbsent(table, counter::count));
            }
        } catch (SQLException e) {
            throw new PhaseFailure("cannot read target profile '" + target.profile() + "': " + e.getMessage());
        }
        cancellation.check();
        var smoke = smokeChecks.run(data.spec(), target);
        List<String> sampled = tables.stream().filter(t -> t.mode().equals("sample")).map(TableVerification::table)
                .toList();
        String mode = sampled.isEmpty() ? "full" : "sample of " + config.sampling().ratio() + " of the keys in "
                + String.join(", ", sampled);
        return new Verdict(comparison.verdict(tableCounts), plan.problems(), tables, smoke, mode);
    }

    /**
     * The records the snapshot holds per collection, as the row-by-row comparison read them; a collection
     * it did not read (not in the plan) is counted here without building its records. The count
     * comparison then fails a collection whose records differ from what the backup announced.
     */
    private static Map<String, Long> countedWhileRead(SourceSet source, Map<String, Long> announced,
                                                     Map<String, Long> read) {
        Map<String, Long> counted = new LinkedHashMap<>();
        for (String collection : announced.keySet()) {
            Long records = read.get(collection);
            counted.put(collection, records != null ? records
                    : JsonRecords.stream(source, collection, 0, (position, parser, start, bytes) -> {
                        parser.skipChildren();
                        bytes.keepFrom(parser.currentLocation().getByteOffset()); // no record's bytes are kept
                    }));
        }
        return counted;
    }

    private TableVerifier.Settings settings() {
        Path spill = Path.of(config.spillDir().orElse(System.getProperty("java.io.tmpdir")));
        return new TableVerifier.Settings(config.maxDifferences(), config.sortBufferRecords(), spill,
                Math.max(1, config.progressEvery()),
                config.sampling().aboveRecords().isPresent() ? config.sampling().aboveRecords().getAsLong() : null,
                config.sampling().ratio());
    }

    /** The records as backup-service stored them, decoded on reading (compressed and encrypted too). */
    private SourceSet snapshotSource(SnapshotSummary snapshot) {
        paths.directory(snapshot.location(), "snapshot directory");
        return snapshots.source(snapshot);
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
