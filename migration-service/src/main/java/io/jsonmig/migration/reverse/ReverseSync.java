package io.jsonmig.migration.reverse;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.payload.CollectionSync;
import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.ReverseSyncExported;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.mappingplan.catalog.TargetCatalog;
import io.jsonmig.mappingplan.mapping.CollectionPlan;
import io.jsonmig.mappingplan.mapping.MappingFile;
import io.jsonmig.mappingplan.mapping.MappingPlanner;
import io.jsonmig.support.job.ConnectionLoss;
import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.messaging.PublishedEvents;
import io.jsonmig.support.paths.AllowedPaths;
import java.sql.SQLException;
import java.util.Set;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.WriteFence;
import io.jsonmig.migration.catalog.TargetCapture;
import io.jsonmig.migration.catalog.TargetChanges;
import io.jsonmig.migration.load.TableLoads;
import io.jsonmig.mappingplan.target.TableName;
import io.jsonmig.migration.target.TargetSession;
import io.jsonmig.support.job.Cancellation;
import io.jsonmig.support.job.JobHandler;
import io.jsonmig.support.job.JobInterruption;
import io.jsonmig.support.messaging.EventPublisher;
import io.jsonmig.support.messaging.FailureReason;
import io.jsonmig.support.target.TargetDatabase;
import io.jsonmig.support.target.TargetProfiles;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A rollback after the cut-over: the application's writes live in PostgreSQL, so nothing is dropped.
 * The run's tables are fenced ({@link WriteFencing}) and stay in place for the investigation; they are
 * exported back into the source's layout as a new snapshot ({@link ReverseExport}), which
 * verification-service checks before backup-service restores the live files from it. A target that
 * cannot be reached fails the step and changes no file. Run again after a crash, it fences again (a
 * no-op) and writes the export again from the start.
 */
@ApplicationScoped
public class ReverseSync implements JobHandler {

    /** The job of a {@code rollback.requested} after the cut-over. */
    public static final String JOB = "reverse-sync";

    private final TargetChanges changes;
    private final TableLoads loads;
    private final TargetProfiles profiles;
    private final WriteFencing fencing;
    private final ReverseExport export;
    private final PublishedEvents published;
    private final AllowedPaths paths;
    private final EventPublisher publisher;

    public ReverseSync(TargetChanges changes, TableLoads loads, TargetProfiles profiles, WriteFencing fencing,
                       ReverseExport export, PublishedEvents published, AllowedPaths paths, EventPublisher publisher) {
        this.changes = changes;
        this.loads = loads;
        this.profiles = profiles;
        this.fencing = fencing;
        this.export = export;
        this.published = published;
        this.paths = paths;
        this.publisher = publisher;
    }

    @Override
    public String name() {
        return JOB;
    }

    @Override
    public void run(EventEnvelope requested, Cancellation cancellation) {
        RunSpec spec = requested.payloadAs(RollbackRequested.class).spec();
        String migrationId = requested.migrationId();
        try {
            Optional<TargetCapture> capture = changes.capture(migrationId);
            if (capture.isEmpty()) {
                fail(requested, spec, "the run has no record of its target: nothing to carry back");
                return;
            }
            TargetDatabase target = profiles.resolve(capture.get().targetProfile);
            List<TableName> tables = loads.loadedBy(migrationId, requested.attempt()).stream()
                    .sorted((a, b) -> a.toString().compareTo(b.toString())).toList();
            Optional<DataMigrated> migrated = published.find(migrationId, EventType.DATA_MIGRATED,
                    requested.attempt(), "").map(e -> e.payloadAs(DataMigrated.class));
            if (migrated.isEmpty()) {
                fail(requested, spec, "attempt " + requested.attempt() + " has no data.migrated of migration-service:"
                        + " there is no load to carry back");
                return;
            }
            SnapshotSummary base = migrated.get().snapshot();
            try (TargetSession session = TargetSession.open(target)) {
                WriteFence fence = fencing.fence(migrationId, session, tables);
                Log.infof("[%s] fenced %s in %d ms", migrationId, fence.tables(), fence.lockMillis());
                cancellation.check();
                List<CollectionPlan> plans = plans(migrationId, spec, base, session, Set.copyOf(tables));
                long started = System.nanoTime();
                ReverseExport.Exported exported = export.export(migrationId, requested.attempt(), base, plans, session,
                        cancellation);
                Log.infof("[%s] exported %d table(s) to snapshot %s in %d ms: %d write(s) carried back", migrationId,
                        plans.size(), exported.snapshot().snapshotId(), (System.nanoTime() - started) / 1_000_000,
                        CollectionSync.totalWrites(exported.collections()));
                publisher.publish(requested, "", new ReverseSyncExported(spec, exported.snapshot(), base.snapshotId(),
                        fence, exported.collections(), exported.rejectPositions()));
            }
        } catch (JobInterruption e) {
            throw e; // runs again: the fence is idempotent
        } catch (RuntimeException e) {
            Log.errorf(e, "[%s] reverse sync failed", migrationId);
            fail(requested, spec, "reverse sync failed, no file changed: " + FailureReason.of(e));
        }
    }

    /** The run's mapping plan, as the load used it, for the collections whose tables the run loaded. */
    private List<CollectionPlan> plans(String migrationId, RunSpec spec, SnapshotSummary base, TargetSession session,
                                       Set<TableName> loaded) {
        Optional<MappingFile> mapping = spec.mappingFile() == null ? Optional.empty()
                : Optional.of(MappingFile.read(paths.file(spec.mappingFile(), "mapping file")));
        try {
            return new MappingPlanner(new TargetCatalog(session.connection()), session.defaultSchema(),
                    changes.tablesBefore(migrationId), migrationId)
                    .plan(mapping, List.copyOf(base.recordsPerCollection().keySet())).stream()
                    .filter(plan -> loaded.contains(plan.table().name())).toList();
        } catch (SQLException e) {
            if (ConnectionLoss.is(e)) {
                throw ConnectionLoss.interruption("reading the catalog", e);
            }
            throw new PhaseFailure("cannot read the catalog of the fenced tables: " + e.getMessage());
        }
    }

    /** An error or a dying service ended the reverse sync: its step is failed, and no file was changed. */
    @Override
    public void abandoned(EventEnvelope requested, String reason) {
        fail(requested, requested.payloadAs(RollbackRequested.class).spec(),
                "reverse sync cannot finish, no file changed: " + reason);
    }

    private void fail(EventEnvelope requested, RunSpec spec, String reason) {
        publisher.publish(requested, RollbackStepCompleted.TARGET_COMPENSATOR + "|" + requested.eventId(),
                new RollbackStepCompleted(RollbackStepCompleted.TARGET_COMPENSATOR, Phase.STABILIZATION,
                        List.of(reason), false, spec));
    }
}
