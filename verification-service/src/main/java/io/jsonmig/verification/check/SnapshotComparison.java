package io.jsonmig.verification.check;

import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.events.payload.TableLoad;
import io.jsonmig.mappingplan.mapping.CollectionPlan;
import io.jsonmig.support.job.Cancellation;
import io.jsonmig.support.tracing.RunTraces;
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
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The data checks of a snapshot against the run's tables — counts, then every record row by row with its
 * column figures, keys and schema — in one read-only, repeatable-read transaction on the run's target. The
 * forward verification compares the backup's snapshot with the tables the load filled; the verification of
 * a reverse sync compares its export with the fenced tables. Both are this one comparison; only what the
 * event says about the tables ({@link RunTables}) differs. Smoke checks are not part of it.
 */
@ApplicationScoped
public class SnapshotComparison {

    private static final Logger LOG = Logger.getLogger(SnapshotComparison.class);
    /** What to compare: a snapshot (as its event announces it) with the run's tables. */
    public record Request(String migrationId, RunSpec spec, SnapshotSummary snapshot, RunTables tables) {
    }

    /** Receives the records compared so far of a table, every {@code progress-every} and at its end. */
    @FunctionalInterface
    public interface Progress {
        void at(TableSource table, long done, long total);
    }

    private final AllowedPaths paths;
    private final SnapshotFiles snapshots;
    private final TargetProfiles targets;
    private final RunPlans plans;
    private final VerificationConfig config;
    private final RunTraces traces;

    public SnapshotComparison(AllowedPaths paths, SnapshotFiles snapshots, TargetProfiles targets, RunPlans plans,
                              VerificationConfig config, RunTraces traces) {
        this.traces = traces;
        this.paths = paths;
        this.snapshots = snapshots;
        this.targets = targets;
        this.plans = plans;
        this.config = config;
    }

    /**
     * @return the verdict of the data checks, without smoke checks
     * @throws PhaseFailure when the checks cannot run (the snapshot or the target cannot be read)
     */
    public Verdict compare(Request request, Cancellation cancellation, Progress progress) {
        SnapshotSummary snapshot = request.snapshot();
        RunTables runTables = request.tables();
        SourceSet source = snapshotSource(snapshot);
        // a plain snapshot with the backup's offsets is counted while its collections are compared
        Map<String, Long> announced = SnapshotFiles.indexNotedByBackup(snapshot)
                .map(JsonRecords.SourceIndex::counts).orElse(null);
        Map<String, Long> records = announced != null ? announced : JsonRecords.count(source);
        // A dry run's tables are in its throwaway schema: every connection of the run works there.
        TargetDatabase target = targets.resolve(request.spec(), request.migrationId());
        Map<String, TableCount> tableCounts = new HashMap<>();
        List<TableVerification> tables = new ArrayList<>();
        RunPlan plan;
        CountComparison comparison;
        try (TargetTableCounter counter = TargetTableCounter.open(target)) {
            plan = plans.plan(counter.connection(), request.spec(), request.migrationId(),
                    List.copyOf(records.keySet()), runTables.names());
            Set<String> childTables = plan.collections().stream().flatMap(c -> c.children().stream())
                    .map(c -> c.table().name().toString()).collect(Collectors.toSet());
            Map<String, Set<Long>> rejected = runTables.rejected(counter.connection(), plan);
            TableVerifier verifier = new TableVerifier(counter.connection(), source, settings());
            for (CollectionPlan collection : plan.collections()) {
                String name = collection.collection();
                List<TableSource> sources = new ArrayList<>();
                sources.add(TableSource.of(collection));
                collection.children().forEach(child -> sources.add(TableSource.child(collection, child)));
                for (TableSource table : sources) {
                    TableLoad load = table.child() ? runTables.childLoad(table, counter)
                            : runTables.loads().stream().filter(t -> t.collection().equals(name)
                            && !childTables.contains(t.table())).findFirst().orElse(null);
                    long total = records.getOrDefault(name, 0L);
                    cancellation.check();
                    // one span per table's verification, a child of the verification job's
                    TableVerification verified = traces.inSpan("verify " + table.name(), RunTraces.TABLE, table.name(),
                            () -> verifier.verify(table, load, total, rejected.getOrDefault(table.name(), Set.of()),
                                    done -> {
                                        cancellation.check();
                                        progress.at(table, done, total);
                                    }));
                    LOG.infof("verified %s of run %s: %d records, %d rows in %d ms (%d rows/s), %s", verified.table(),
                            request.migrationId(), verified.records(), verified.rows(), verified.millis(),
                            verified.rowsPerSecond(),
                            verified.passed() ? "equal" : verified.problems().size() + " problem(s)");
                    tables.add(verified);
                }
            }
            if (announced != null) {
                records = countedWhileRead(source, announced, verifier.recordsRead());
            }
            comparison = new CountComparison(records, snapshot.recordsPerCollection(), runTables.loads(),
                    childTables);
            for (String collection : comparison.collections()) {
                comparison.tableOf(collection).ifPresent(table -> tableCounts.computeIfAbsent(table, counter::count));
            }
        } catch (SQLException e) {
            throw new PhaseFailure("cannot read target profile '" + target.profile() + "': " + e.getMessage());
        }
        List<String> sampled = tables.stream().filter(t -> t.mode().equals("sample")).map(TableVerification::table)
                .toList();
        String mode = sampled.isEmpty() ? "full" : "sample of " + config.sampling().ratio() + " of the keys in "
                + String.join(", ", sampled);
        return new Verdict(comparison.verdict(tableCounts), plan.problems(), tables, List.of(), mode);
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

    /** The records as backup-service stored them (or migration-service exported them), decoded on reading. */
    private SourceSet snapshotSource(SnapshotSummary snapshot) {
        paths.directory(snapshot.location(), "snapshot directory");
        return snapshots.source(snapshot);
    }
}
