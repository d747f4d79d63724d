package io.jsonmig.migration.load;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.events.payload.TableLoad;
import io.jsonmig.mappingplan.catalog.TableColumn;
import io.jsonmig.migration.catalog.TableConstraints;
import io.jsonmig.mappingplan.catalog.TargetCatalog;
import io.jsonmig.migration.config.MigrationConfig;
import io.jsonmig.migration.load.DeferredConstraints.DeferredTable;
import io.jsonmig.migration.load.LoadCheckpoints.Checkpoint;
import io.jsonmig.mappingplan.mapping.ChildPlan;
import io.jsonmig.mappingplan.mapping.CollectionPlan;
import io.jsonmig.mappingplan.mapping.UnmappableRecord;
import io.jsonmig.migration.reject.RejectFiles;
import io.jsonmig.migration.reject.RejectsTable;
import io.jsonmig.support.job.Cancellation;
import io.jsonmig.support.job.ConnectionLoss;
import io.jsonmig.support.messaging.EventPublisher;
import io.jsonmig.support.tracing.RunTraces;
import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.source.JsonRecords;
import io.jsonmig.support.source.SourceSet;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Loads one collection of the snapshot into its table with PostgreSQL COPY, streaming, in chunks
 * that each commit with their checkpoint ({@link ChunkedLoad}): no table is ever held in memory, and
 * a load interrupted by a crash goes on after its last committed chunk when the phase runs again.
 * The records the target cannot take are quarantined in the reject file and {@code _jsonmig_rejects}.
 * A load that fails leaves its committed chunks for the rollback to remove with the rest of the run.
 */
@ApplicationScoped
public class TableLoader {

    private final RunTraces traces;

    private static final String PROGRESS_STEP = "migration/progress/";

    private final TableLoads loads;
    private final EventPublisher publisher;
    private final MigrationConfig config;
    private final RejectFiles rejectFiles;
    private final DeferredConstraints deferredConstraints;

    public TableLoader(TableLoads loads, EventPublisher publisher, MigrationConfig config, RejectFiles rejectFiles,
                       DeferredConstraints deferredConstraints, RunTraces traces) {
        this.traces = traces;
        this.deferredConstraints = deferredConstraints;
        this.loads = loads;
        this.publisher = publisher;
        this.config = config;
        this.rejectFiles = rejectFiles;
    }

    /**
     * @param expected     the records the snapshot announced for the collection, for progress; -1 if unknown
     * @param ledgerSchema the schema of {@code _jsonmig_rejects} and {@code _jsonmig_load_checkpoints}
     * @param deferred     the table's constraints dropped for the load and built after it; null if it keeps them
     */
    public CollectionLoad load(EventEnvelope cause, CollectionPlan plan, SourceSet snapshot, Connection connection,
                               long expected, String ledgerSchema, DeferredTable deferred, Cancellation cancellation) {
        return load(cause, TableRows.of(plan), () -> plan.columns().orElseGet(() -> columnsUsed(plan, snapshot)),
                snapshot, connection, expected, ledgerSchema, deferred, cancellation);
    }

    /**
     * Loads a child table of the collection, after the collection's table: its rows come from the
     * elements of each record's array, its rejects are named {@code <collection>.<path>}.
     */
    public CollectionLoad load(EventEnvelope cause, CollectionPlan parent, ChildPlan child, SourceSet snapshot,
                               Connection connection, long expected, String ledgerSchema, DeferredTable deferred,
                               Cancellation cancellation) {
        return load(cause, TableRows.of(parent, child), child::columns, snapshot, connection, expected, ledgerSchema,
                deferred, cancellation);
    }

    /** One span per table's load, a child of the migration job's. */
    private CollectionLoad load(EventEnvelope cause, TableRows plan, Supplier<List<TableColumn>> columnsUsed,
                                SourceSet snapshot, Connection connection, long expected, String ledgerSchema,
                                DeferredTable deferred, Cancellation cancellation) {
        String table = plan.table().name().toString();
        return traces.inSpan("load " + table, RunTraces.TABLE, table, () -> loadTable(cause, plan, columnsUsed, snapshot,
                connection, expected, ledgerSchema, deferred, cancellation));
    }

    private CollectionLoad loadTable(EventEnvelope cause, TableRows plan, Supplier<List<TableColumn>> columnsUsed,
                                     SourceSet snapshot, Connection connection, long expected, String ledgerSchema,
                                     DeferredTable deferred, Cancellation cancellation) {
        String migrationId = cause.migrationId();
        String table = plan.table().name().toString();
        String label = plan.rejectsLabel();
        TargetTableLoad started;
        try {
            started = loads.starting(migrationId, cause.attempt(), plan.collection(), plan.table().name(),
                    plan.preExisting(), plan.preExisting() ? new TargetCatalog(connection).rowCount(plan.table()) : 0);
        } catch (SQLException e) {
            throw new PhaseFailure("cannot count the rows of " + table + ": " + e.getMessage());
        }
        long loadId = started.id;
        Checkpoint done;
        Path rejectFile = null;
        List<String> rejects;
        try {
            Checkpoint from = LoadCheckpoints.find(connection, ledgerSchema, migrationId, cause.attempt(),
                    plan.collection(), plan.table().name());
            Loaded loaded = from.finished() ? new Loaded(from, null)
                    : loadChunks(cause, plan, columnsUsed, snapshot, connection, expected, ledgerSchema, from,
                    started.rowsBefore, deferred, cancellation);
            done = loaded.checkpoint();
            rejectFile = loaded.rejectFile();
            if (deferred != null && !deferredConstraints.build(connection, deferred)) {
                // The keys refuse rows: load again with them in place, which quarantines those rows as before.
                deferredConstraints.rebuildEmpty(connection, deferred, c -> forget(c, ledgerSchema, migrationId,
                        cause.attempt(), plan, label));
                loaded = loadChunks(cause, plan, columnsUsed, snapshot, connection, expected, ledgerSchema,
                        Checkpoint.START, started.rowsBefore, null, cancellation);
                done = loaded.checkpoint();
                rejectFile = loaded.rejectFile();
            }
            rejects = done.rejected() == 0 ? List.of() : firstRejects(connection, ledgerSchema, migrationId, label);
        } catch (SQLException e) {
            abandon(connection, loadId);
            if (ConnectionLoss.is(e)) {
                throw ConnectionLoss.interruption("loading " + table, e);
            }
            throw new PhaseFailure(CopyErrors.describe(plan.collection(), table, e));
        } catch (IOException e) {
            abandon(connection, loadId);
            throw new PhaseFailure("cannot write the reject file of collection '" + label + "' in "
                    + rejectFiles.directory(migrationId) + ": " + e.getMessage());
        } catch (RuntimeException e) {
            abandon(connection, loadId);
            throw e;
        }
        if (done.rejected() > 0 && rejectFile == null) {
            // loaded before a restart: the file is complete
            rejectFile = rejectFiles.file(migrationId, label);
        }
        loads.finished(loadId, TargetTableLoad.Status.LOADED, done.rows());
        publisher.publish(cause, progressStep(table), new Progress(Phase.MIGRATION, table,
                done.rows() + done.rejected(), expected, done.bytes(), null, null));
        return new CollectionLoad(new TableLoad(plan.collection(), table, done.rows(), done.rejected(),
                started.rowsBefore), label, rejectFile, rejects);
    }

    private record Loaded(Checkpoint checkpoint, Path rejectFile) {
    }

    /**
     * The chunks from {@code from} on. A table whose constraints are deferred loads without its keys
     * and foreign keys; its rejects' keys still name its primary key.
     */
    private Loaded loadChunks(EventEnvelope cause, TableRows plan, Supplier<List<TableColumn>> columnsUsed,
                              SourceSet snapshot, Connection connection, long expected, String ledgerSchema,
                              Checkpoint from, long rowsBefore, DeferredTable deferred, Cancellation cancellation)
            throws SQLException, IOException {
        String migrationId = cause.migrationId();
        String table = plan.table().name().toString();
        String label = plan.rejectsLabel();
        if (from.nextPosition() > 0) {
            Log.infof("[%s] %s: going on after the checkpoint: %d record(s) committed before, %d row(s)",
                    migrationId, table, from.nextPosition(), from.rows());
        }
        List<TableColumn> columns = columnsUsed.get();
        TableConstraints constraints = TableConstraints.read(connection, plan.table().oid());
        List<String> primaryKey = constraints.primaryKey().isEmpty() && deferred != null ? deferred.primaryKey()
                : constraints.primaryKey();
        boolean trackKeys = rowsBefore > 0;
        if (trackKeys && !constraints.hasWritablePrimaryKey(columns)) {
            throw new PhaseFailure("target table " + table + " held " + rowsBefore + " row(s) before the "
                    + "run; appending to it needs a primary key the records fill, so that a rollback "
                    + "removes exactly the run's rows");
        }
        ChunkedLoad load = new ChunkedLoad(connection, plan, columns, constraints, primaryKey, ledgerSchema, migrationId,
                cause.attempt(), config.chunkRecords(), config.chunkBytes(), from,
                rejectFiles.keptBefore(migrationId, label, from.nextPosition()),
                () -> rejectFiles.create(migrationId, label), trackKeys, cancellation);
        ProgressMeter meter = new ProgressMeter(table, expected, config.progressEvery(),
                config.progressInterval(), from.nextPosition());
        Checkpoint done = load.run(snapshot, (records, bytes) -> {
            if (meter.due(records)) {
                publisher.publishProgress(cause, progressStep(table) + "/" + records, meter.report(records, bytes));
            }
        });
        if (expected >= 0 && load.recordsInCollection() != expected) {
            throw new PhaseFailure("snapshot collection '" + plan.collection() + "' holds "
                    + load.recordsInCollection() + " records, but backup.completed announced " + expected);
        }
        return new Loaded(done, load.rejectFile());
    }

    /** The first load's rejects and checkpoint, in the transaction that empties the table for the second. */
    private static void forget(Connection connection, String ledgerSchema, String migrationId, int attempt,
                               TableRows plan, String label) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("DELETE FROM " + RejectsTable.qualified(ledgerSchema)
                + " WHERE migration_id = ? AND collection = ?")) {
            s.setString(1, migrationId);
            s.setString(2, label);
            s.executeUpdate();
        }
        LoadCheckpoints.delete(connection, ledgerSchema, migrationId, attempt, plan.collection(), plan.table().name());
    }

    /** The first rejects, described, from {@code _jsonmig_rejects}: they may come from before a restart. */
    private static List<String> firstRejects(Connection connection, String ledgerSchema, String migrationId,
                                             String label) throws SQLException {
        List<String> described = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT position, record_key, reason FROM "
                + RejectsTable.qualified(ledgerSchema) + " WHERE migration_id = ? AND collection = ? ORDER BY position"
                + " LIMIT " + CollectionLoad.LISTED_REJECTS)) {
            s.setString(1, migrationId);
            s.setString(2, label);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    described.add(describe(label, rs.getLong(1), RecordKeys.describe(rs.getString(2)), rs.getString(3)));
                }
            }
        }
        return described;
    }

    /** {@code collection 'users' record 7 (key id=7): reason}; without the key when the record has none. */
    static String describe(String collection, long position, String key, String reason) {
        return "collection '" + collection + "' record " + position + (key == null ? "" : " (key " + key + ")") + ": "
                + reason;
    }

    /**
     * Tells a table's progress events apart from every other progress event of the attempt, other
     * phases' included; the table's display name is unambiguous.
     */
    static String progressStep(String table) {
        return PROGRESS_STEP + table;
    }

    /** Without a mapping file, the columns written are those the records' fields map to. */
    private static List<TableColumn> columnsUsed(CollectionPlan plan, SourceSet snapshot) {
        Set<String> used = new HashSet<>();
        JsonRecords.read(snapshot, plan.collection(), (collection, position, record) -> {
            try {
                used.addAll(plan.fields().resolve(record, position).keySet());
            } catch (UnmappableRecord e) {
                // rejected by the load itself, with its reason
            }
        });
        return plan.table().columns().stream().filter(c -> used.contains(c.name())).toList();
    }

    private void abandon(Connection connection, long loadId) {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
            try (Statement s = connection.createStatement()) {
                s.execute("SET synchronous_commit = DEFAULT");
            }
        } catch (SQLException ignored) {
            // the transaction is gone with the connection anyway
        }
        loads.finished(loadId, TargetTableLoad.Status.FAILED, null);
    }
}
