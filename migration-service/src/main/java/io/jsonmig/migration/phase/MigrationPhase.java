package io.jsonmig.migration.phase;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.BackupCompleted;
import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.RejectThreshold;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.events.payload.TableLoad;
import io.jsonmig.migration.catalog.CapturedObject;
import io.jsonmig.mappingplan.catalog.ObjectKind;
import io.jsonmig.mappingplan.catalog.TargetCatalog;
import io.jsonmig.migration.catalog.TargetChanges;
import io.jsonmig.migration.dryrun.ThrowawaySchema;
import io.jsonmig.migration.config.MigrationConfig;
import io.jsonmig.migration.load.CollectionLoad;
import io.jsonmig.migration.load.DeferredConstraints;
import io.jsonmig.migration.load.DeferredConstraints.DeferredTable;
import io.jsonmig.migration.load.LoadCheckpoints;
import io.jsonmig.migration.load.LoadedKeys;
import io.jsonmig.migration.load.TableLoads;
import io.jsonmig.migration.load.TableLoader;
import io.jsonmig.migration.reject.RejectFiles;
import io.jsonmig.migration.reject.RejectsTable;
import io.jsonmig.migration.reject.RejectTally;
import io.jsonmig.mappingplan.mapping.ChildPlan;
import io.jsonmig.mappingplan.mapping.CollectionPlan;
import io.jsonmig.mappingplan.mapping.MappingPlanner;
import io.jsonmig.migration.preflight.PreflightResult;
import io.jsonmig.migration.preflight.TargetPreflight;
import io.jsonmig.migration.reverse.FencedTableArchive;
import io.jsonmig.migration.reverse.Reversibility;
import io.jsonmig.migration.schema.SchemaMigrator;
import io.jsonmig.support.target.TargetProfiles;
import io.jsonmig.mappingplan.target.TableName;
import io.jsonmig.migration.target.TargetSession;
import io.jsonmig.support.job.Cancellation;
import io.jsonmig.support.job.ConnectionLoss;
import io.jsonmig.support.job.JobHandler;
import io.jsonmig.support.ledger.PhaseRun;
import io.jsonmig.support.ledger.PhaseRuns;
import io.jsonmig.support.messaging.EventPublisher;
import io.jsonmig.support.messaging.FailureReporter;
import io.jsonmig.support.messaging.PhaseFailure;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The migration phase: check the target, capture its catalog, apply the schema migrations, load
 * the snapshot, then announce the data; or fail and ask for a rollback. A dry run does all of it in its
 * throwaway schema, which it creates after the capture.
 */
@ApplicationScoped
public class MigrationPhase implements JobHandler {

    /** The job of a {@code backup.completed}. */
    public static final String JOB = "migration";

    private final TargetPreflight preflight;
    private final TargetChanges changes;
    private final ThrowawaySchema throwawaySchema;
    private final SchemaMigrator schema;
    private final TableLoader loader;
    private final RejectFiles rejectFiles;
    private final TableLoads loads;
    private final PhaseRuns phaseRuns;
    private final EventPublisher publisher;
    private final FailureReporter failures;
    private final Clock clock;
    private final DeferredConstraints deferredConstraints;
    private final MigrationConfig config;
    private final FencedTableArchive fencedTableArchive;
    private final TargetProfiles profiles;

    public MigrationPhase(TargetPreflight preflight, TargetChanges changes, ThrowawaySchema throwawaySchema,
                          SchemaMigrator schema, TableLoader loader, RejectFiles rejectFiles, TableLoads loads,
                          PhaseRuns phaseRuns, EventPublisher publisher, FailureReporter failures, Clock clock,
                          DeferredConstraints deferredConstraints, MigrationConfig config, FencedTableArchive fencedTableArchive,
                          TargetProfiles profiles) {
        this.fencedTableArchive = fencedTableArchive;
        this.profiles = profiles;
        this.deferredConstraints = deferredConstraints;
        this.config = config;
        this.throwawaySchema = throwawaySchema;
        this.rejectFiles = rejectFiles;
        this.loads = loads;
        this.preflight = preflight;
        this.changes = changes;
        this.schema = schema;
        this.loader = loader;
        this.phaseRuns = phaseRuns;
        this.publisher = publisher;
        this.failures = failures;
        this.clock = clock;
    }

    @Override
    public String name() {
        return JOB;
    }

    /**
     * Whatever fails here, the ledger included, ends in phase.failed and rollback.requested, so the
     * run cannot hang; only a {@link io.jsonmig.support.job.JobInterruption} goes to the job worker
     * (cancelled by a rollback, or to be resumed from the checkpoints).
     */
    @Override
    public void run(EventEnvelope backedUp, Cancellation cancellation) {
        RunSpec spec = backedUp.payload() instanceof BackupCompleted backup ? backup.spec() : null;
        Long phaseRun = null;
        try {
            phaseRun = phaseRuns.start(backedUp.migrationId(), Phase.MIGRATION, backedUp.attempt());
            DataMigrated migrated = migrate(backedUp, backedUp.payloadAs(BackupCompleted.class), clock.millis(),
                    cancellation);
            cancellation.checkNow();
            // Recorded before the announcement: once data.migrated is out, nothing may report the phase failed.
            phaseRuns.finish(phaseRun, PhaseRun.Status.SUCCEEDED, migrated.describe());
            publisher.publish(backedUp, "", migrated);
        } catch (RunRolledBack e) {
            Log.warnf("[%s] %s", backedUp.migrationId(), e.getMessage());
            finishQuietly(backedUp, phaseRun, e.getMessage());
        } catch (RuntimeException e) {
            finishQuietly(backedUp, phaseRun, e.getMessage());
            failures.phaseFailed(backedUp, Phase.MIGRATION, spec, e);
        }
    }

    /**
     * The migration will not finish (an error such as out of memory, a service that died under it): the phase
     * failed as any failure of it does, and the run's compensation removes what it created.
     */
    @Override
    public void abandoned(EventEnvelope backedUp, String reason) {
        RunSpec spec = backedUp.payload() instanceof BackupCompleted backup ? backup.spec() : null;
        phaseRuns.abandoned(backedUp.migrationId(), Phase.MIGRATION, backedUp.attempt(), reason);
        failures.phaseFailed(backedUp, Phase.MIGRATION, spec, new PhaseFailure("the migration cannot finish: "
                + reason));
    }

    private void finishQuietly(EventEnvelope backedUp, Long phaseRun, String reason) {
        if (phaseRun == null) {
            return;
        }
        try {
            phaseRuns.finish(phaseRun, PhaseRun.Status.FAILED, reason);
        } catch (RuntimeException e) {
            // The failure events matter more than the ledger's record of them.
            Log.errorf(e, "[%s] cannot record the end of the migration phase", backedUp.migrationId());
        }
    }

    private DataMigrated migrate(EventEnvelope event, BackupCompleted backup, long started,
                                 Cancellation cancellation) {
        String migrationId = event.migrationId();
        if (!backup.spec().dryRun() && event.attempt() > 1) {
            // a retry after a rollback from PostgreSQL: the fenced tables are archived and emptied first
            fencedTableArchive.archiveBeforeRetry(migrationId, event.attempt(), profiles.resolve(backup.spec().targetProfile()));
        }
        Set<TableName> ownTables = loads.loadedBy(migrationId, event.attempt());
        PreflightResult checked = preflight.check(migrationId, backup.spec(), backup.snapshot(), ownTables);
        Log.infof("[%s] preflight passed; %d pending schema migration(s) in %s: %s", migrationId,
                checked.pendingMigrations().size(), checked.schema().directory(), checked.pendingMigrations());
        // Held from the capture to the last table: no other run may change the catalog in between.
        try (TargetSession session = TargetSession.open(checked.target())) {
            changes.captureOnce(migrationId, session);
            if (rolledBack(migrationId, event.attempt())) {
                changes.recordNothingCreated(migrationId);
                throw new RunRolledBack("attempt " + event.attempt() + " was rolled back before its migration "
                        + "started: ignoring backup.completed, the target stays as it is");
            }
            if (backup.spec().dryRun()) {
                throwawaySchema.create(migrationId, session);
            }
            cancellation.check();
            List<String> applied = schema.apply(migrationId, event.attempt(), checked.schema(), session);
            cancellation.check();
            List<TableLoad> tables = load(event, backup.spec().effectiveRejectThreshold(), backup.snapshot(), checked,
                    session, ownTables, cancellation);
            long totalRows = tables.stream().mapToLong(TableLoad::rows).sum();
            long rejected = tables.stream().mapToLong(TableLoad::rejected).sum();
            return new DataMigrated(backup.spec(), backup.snapshot(), applied, tables, totalRows,
                    clock.millis() - started, rejected == 0 ? null : rejectFiles.directory(migrationId).toString());
        }
    }

    private List<TableLoad> load(EventEnvelope event, RejectThreshold threshold, SnapshotSummary snapshot,
                                 PreflightResult checked, TargetSession session, Set<TableName> ownTables,
                                 Cancellation cancellation) {
        TargetCatalog catalog = new TargetCatalog(session.connection());
        List<CollectionPlan> plans;
        Map<TableName, DeferredTable> deferred;
        try {
            plans = new MappingPlanner(catalog, session.defaultSchema(), changes.tablesBefore(event.migrationId()),
                    event.migrationId())
                    .plan(checked.mapping(), checked.collections());
            boolean append = event.payloadAs(BackupCompleted.class).spec().append();
            List<String> nonEmpty = append ? List.of() : TargetPreflight.nonEmpty(catalog, plans.stream()
                    .flatMap(p -> Stream.concat(Stream.of(p.table()), p.children().stream().map(ChildPlan::table)))
                    .filter(t -> !ownTables.contains(t.name())).toList());
            if (!nonEmpty.isEmpty()) {
                throw new PhaseFailure(String.join("; ", nonEmpty), nonEmpty);
            }
            createLedgerTables(event.migrationId(), session, append);
            RunSpec spec = event.payloadAs(BackupCompleted.class).spec();
            if (!spec.dryRun() && spec.stabilization() != null && spec.stabilization().hasWindow()) {
                List<String> irreversible = Reversibility.problems(session.connection(), plans, append,
                        ownTables);
                if (!irreversible.isEmpty()) {
                    throw new PhaseFailure("the run has a stabilization window, but its mapping cannot be reversed: "
                            + String.join("; ", irreversible) + " (" + Reversibility.FIX + ")", irreversible);
                }
            }
            deferred = deferConstraints(event, session, plans, ownTables);
        } catch (SQLException e) {
            if (ConnectionLoss.is(e)) {
                throw ConnectionLoss.interruption("preparing the load", e);
            }
            throw new PhaseFailure("cannot read the catalog of " + TargetSession.describe(session.database()) + ": "
                    + e.getMessage());
        }
        List<TableLoad> tables = new ArrayList<>();
        RejectTally tally = new RejectTally(threshold, rejectFiles.directory(event.migrationId()));
        for (CollectionPlan plan : plans) {
            long expected = snapshot.recordsPerCollection() == null ? -1
                    : snapshot.recordsPerCollection().getOrDefault(plan.collection(), -1L);
            loaded(loader.load(event, plan, checked.snapshot(), session.connection(), expected,
                    session.defaultSchema(), deferred.get(plan.table().name()), cancellation), tally, tables);
            for (ChildPlan child : plan.children()) {
                loaded(loader.load(event, plan, child, checked.snapshot(), session.connection(), expected,
                        session.defaultSchema(), deferred.get(child.table().name()), cancellation), tally, tables);
            }
        }
        // Judged after the last table, whatever the limit: one run names every reject of every collection.
        tally.failIfExceeded();
        return tables;
    }

    /**
     * The empty tables the run created load without their keys, indexes and foreign keys, which are
     * built after each table's load ({@link DeferredConstraints}); the others keep theirs.
     */
    private Map<TableName, DeferredTable> deferConstraints(EventEnvelope event, TargetSession session,
                                                           List<CollectionPlan> plans, Set<TableName> ownTables)
            throws SQLException {
        if (!config.deferConstraints()) {
            return Map.of();
        }
        List<DeferredConstraints.Candidate> loadOrder = new ArrayList<>();
        for (CollectionPlan plan : plans) {
            loadOrder.add(new DeferredConstraints.Candidate(plan.table(), plan.preExisting()));
            for (ChildPlan child : plan.children()) {
                loadOrder.add(new DeferredConstraints.Candidate(child.table(), child.preExisting()));
            }
        }
        return deferredConstraints.defer(event.migrationId(), event.attempt(), session.connection(), loadOrder,
                ownTables);
    }

    private static void loaded(CollectionLoad load, RejectTally tally, List<TableLoad> tables) {
        tally.add(load);
        tables.add(load.load());
    }

    /**
     * {@code _jsonmig_rejects}, {@code _jsonmig_load_checkpoints} (and for an append run
     * {@code _jsonmig_loaded_keys}), created before the first chunk
     * commits and recorded at once, so that a rollback after a crash finds them among the run's objects.
     */
    private void createLedgerTables(String migrationId, TargetSession session, boolean append) throws SQLException {
        RejectsTable.ensure(session.connection(), session.defaultSchema());
        LoadCheckpoints.ensure(session.connection(), session.defaultSchema());
        if (append) {
            LoadedKeys.ensure(session.connection(), session.defaultSchema());
        }
        changes.recordCreated(migrationId, session);
    }

    /** Whether this attempt's compensation already ran: the run must not create what nobody will remove. */
    @Transactional
    boolean rolledBack(String migrationId, int attempt) {
        return PhaseRun.count("migrationId = ?1 and phase = ?2 and attempt = ?3", migrationId, Phase.ROLLBACK,
                attempt) > 0;
    }

    /** The run was rolled back before this phase could start: nothing to do, nothing to report. */
    static final class RunRolledBack extends RuntimeException {
        RunRolledBack(String message) {
            super(message);
        }
    }
}
