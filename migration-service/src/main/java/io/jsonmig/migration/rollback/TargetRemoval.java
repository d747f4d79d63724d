package io.jsonmig.migration.rollback;

import io.jsonmig.mappingplan.catalog.CatalogObject;
import io.jsonmig.migration.catalog.CreatedObject;
import io.jsonmig.mappingplan.catalog.ObjectKind;
import io.jsonmig.migration.catalog.TableConstraints;
import io.jsonmig.migration.catalog.TargetCapture;
import io.jsonmig.mappingplan.catalog.TargetCatalog;
import io.jsonmig.migration.catalog.TargetChanges;
import io.jsonmig.mappingplan.catalog.TargetTable;
import io.jsonmig.migration.load.LoadCheckpoints;
import io.jsonmig.migration.load.LoadedKeys;
import io.jsonmig.migration.load.TableLoads;
import io.jsonmig.migration.load.TargetTableLoad;
import io.jsonmig.migration.reject.RejectsTable;
import io.jsonmig.migration.schema.AppliedMigration;
import io.jsonmig.mappingplan.target.Identifiers;
import io.jsonmig.mappingplan.target.TableName;
import io.jsonmig.migration.target.TargetSession;
import io.jsonmig.support.job.ConnectionLoss;
import io.jsonmig.support.job.JobInterruption;
import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.target.TargetDatabase;
import io.jsonmig.support.target.TargetProfiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Removes what a run changed in its target: drops the objects the run created, newest first (a dry run's
 * throwaway schema, created first, goes last), deletes the run's rows from the pre-existing tables it loaded,
 * and removes its rows from a Flyway or Prisma history it did not create; never touches anything else. Run
 * again, it finds what is left to remove.
 */
@ApplicationScoped
public class TargetRemoval {

    /** PostgreSQL's "cannot drop … because other objects depend on it". */
    private static final String DEPENDENT_OBJECTS_STILL_EXIST = "2BP01";

    static final String NOTHING_TO_UNDO = "nothing to undo: the run changed nothing in the target";
    static final String ALREADY_UNDONE = "nothing left to undo: an earlier rollback (or a dry run's clean-up) "
            + "removed what the run created";

    private final TargetChanges changes;
    private final TableLoads loads;
    private final TargetProfiles profiles;
    private final Clock clock;

    public TargetRemoval(TargetChanges changes, TableLoads loads, TargetProfiles profiles, Clock clock) {
        this.changes = changes;
        this.loads = loads;
        this.profiles = profiles;
        this.clock = clock;
    }

    /**
     * @param actions receives one line per thing found or done, for the report
     * @return whether everything the run changed is gone (or was never there); false leaves the target unchanged
     * @throws JobInterruption when the target connection is lost: the removal runs again
     */
    public boolean remove(String migrationId, List<String> actions) {
        Optional<TargetCapture> capture = changes.capture(migrationId);
        if (capture.isEmpty()) {
            actions.add(NOTHING_TO_UNDO);
            return true;
        }
        TargetDatabase target;
        try {
            target = profiles.resolve(capture.get().targetProfile);
        } catch (PhaseFailure e) {
            actions.add("cannot undo the run: " + e.getMessage());
            return false;
        }
        try (TargetSession session = TargetSession.open(target)) {
            if (capture.get().schemaDiffAt == null) {
                actions.add("the schema step never recorded what it created (interrupted?): compared the target "
                        + "with the catalog captured before the run");
                changes.recordCreated(migrationId, session);
            }
            return undo(migrationId, capture.get(), session, actions);
        } catch (PhaseFailure e) {
            actions.add("cannot undo the run: " + e.getMessage());
            return false;
        }
    }

    private boolean undo(String migrationId, TargetCapture capture, TargetSession session, List<String> actions) {
        List<CreatedObject> created = changes.stillPresent(migrationId);
        List<TargetTableLoad> loaded = loads.preExistingToEmpty(migrationId);
        List<AppliedMigration> historyRows = historyRowsToRemove(migrationId).stream()
                .filter(row -> row.prismaId == null ? capture.flywayHistoryExisted : capture.prismaHistoryExisted)
                .toList();
        if (created.isEmpty() && loaded.isEmpty() && historyRows.isEmpty()) {
            actions.add(changes.everCreated(migrationId) ? ALREADY_UNDONE : NOTHING_TO_UNDO);
            return true;
        }
        Connection connection = session.connection();
        List<String> done = new ArrayList<>();
        try {
            connection.setAutoCommit(false);
            TargetCatalog catalog = new TargetCatalog(connection);
            // The keys of an append run's rows go last: the rows are found by them.
            Predicate<CreatedObject> loadedKeys = o -> o.kind == ObjectKind.TABLE && o.name.equals(LoadedKeys.NAME)
                    && o.schemaName.equals(capture.defaultSchema);
            dropCreated(catalog, connection, created.stream().filter(loadedKeys.negate()).toList(), done);
            removeAddedRows(catalog, connection, capture, migrationId, loaded, done);
            emptyLoadedTables(catalog, connection, loaded.stream().filter(l -> l.rowsBefore == 0).toList(), done);
            removeRunRows(catalog, connection, capture, migrationId, done);
            dropCreated(catalog, connection, created.stream().filter(loadedKeys).toList(), done);
            removeFlywayHistoryRows(catalog, connection, capture, historyRows, done);
            removePrismaHistoryRows(catalog, connection, capture, historyRows, done);
            connection.commit();
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the transaction ends with the connection
            }
            if (ConnectionLoss.is(e)) {
                throw ConnectionLoss.interruption("undoing the run in the target", e);
            }
            actions.add("could not undo the run, so nothing was changed: " + e.getMessage());
            actions.add("still in the target: " + created.stream().map(CreatedObject::describe)
                    .collect(Collectors.joining(", ")));
            return false;
        }
        changes.markDropped(created);
        loads.markCompensated(loaded);
        markCompensated(historyRows);
        actions.addAll(done);
        return true;
    }

    /**
     * Newest first, so dependents usually go before what they depend on; never with CASCADE. Creation
     * order is not always dependency order (a trigger added later to an older table depends on a newer
     * function): an object something else of the run still depends on is dropped in a later pass,
     * after its dependents, until a pass drops nothing more.
     */
    private static void dropCreated(TargetCatalog catalog, Connection connection, List<CreatedObject> created,
                                    List<String> done) throws SQLException {
        Set<Long> createdOids = created.stream().map(o -> o.objectOid).collect(Collectors.toSet());
        List<CreatedObject> remaining = new ArrayList<>(created);
        Collections.reverse(remaining);
        remaining.removeIf(o -> o.ownerOid != null && createdOids.contains(o.ownerOid)); // go with their table
        while (!remaining.isEmpty()) {
            List<CreatedObject> stillNeeded = new ArrayList<>();
            SQLException lastRefusal = null;
            for (CreatedObject object : remaining) {
                Optional<CatalogObject> current = catalog.current(object.kind, object.objectOid);
                if (current.isEmpty() || !object.sameAs(current.get())) {
                    done.add(object.describe() + " was already gone");
                    continue;
                }
                Savepoint beforeDrop = connection.setSavepoint();
                try (Statement s = connection.createStatement()) {
                    s.execute(object.kind.dropStatement(object.schemaName, object.name, object.identity));
                    connection.releaseSavepoint(beforeDrop);
                    done.add("dropped " + object.describe());
                } catch (SQLException e) {
                    if (!DEPENDENT_OBJECTS_STILL_EXIST.equals(e.getSQLState())) {
                        throw e;
                    }
                    connection.rollback(beforeDrop);
                    stillNeeded.add(object);
                    lastRefusal = e;
                }
            }
            if (stillNeeded.size() == remaining.size()) {
                throw lastRefusal; // something the run did not create depends on what it created
            }
            remaining = stillNeeded;
        }
    }

    /**
     * Tables that held rows before an append run lose exactly the rows it added, found by their
     * primary keys in {@code _jsonmig_loaded_keys}; in reverse load order, children first.
     */
    private static void removeAddedRows(TargetCatalog catalog, Connection connection, TargetCapture capture,
                                        String migrationId, List<TargetTableLoad> loaded, List<String> done)
            throws SQLException {
        List<TargetTableLoad> appended = new ArrayList<>(loaded.stream().filter(l -> l.rowsBefore > 0).toList());
        if (appended.isEmpty()) {
            return;
        }
        if (!catalog.tableExists(new TableName(capture.defaultSchema, LoadedKeys.NAME))) {
            throw new SQLException(capture.defaultSchema + "." + LoadedKeys.NAME + " is gone: the rows the run added "
                    + "to tables that held rows before cannot be told from theirs");
        }
        Collections.reverse(appended);
        Set<TableName> seen = new HashSet<>();
        for (TargetTableLoad load : appended) {
            TableName table = new TableName(load.schemaName, load.tableName);
            Optional<TargetTable> current = catalog.table(table);
            if (current.isEmpty() || !seen.add(table)) {
                continue;
            }
            List<String> primaryKey = TableConstraints.read(connection, current.get().oid()).primaryKey();
            if (primaryKey.isEmpty()) {
                continue; // the load refuses to append to such a table before its first row
            }
            long removed = LoadedKeys.deleteAdded(connection, capture.defaultSchema, migrationId, table, primaryKey);
            done.add("deleted the " + removed + " row(s) the run added to " + table + ", which held " + load.rowsBefore
                    + " row(s) before it (those stay)");
        }
    }

    /**
     * These tables were empty at the preflight, so every row in them is the run's. DELETE, not
     * TRUNCATE: a foreign key from another table refuses TRUNCATE even with no row referring to the
     * run's. In reverse load order, so children lose their rows before their parents do.
     */
    private static void emptyLoadedTables(TargetCatalog catalog, Connection connection, List<TargetTableLoad> loaded,
                                          List<String> done) throws SQLException {
        List<TableName> tables = new ArrayList<>();
        for (TargetTableLoad load : loaded) {
            TableName table = new TableName(load.schemaName, load.tableName);
            if (!tables.contains(table) && catalog.tableExists(table)) {
                tables.add(table);
            }
        }
        Collections.reverse(tables);
        for (TableName table : tables) {
            try (Statement s = connection.createStatement()) {
                s.executeUpdate("DELETE FROM " + table.sql());
            }
            done.add("emptied " + table + ", which existed before the run (the table stays)");
        }
    }

    /**
     * A {@code _jsonmig_rejects} or {@code _jsonmig_load_checkpoints} the run created was dropped above;
     * one that existed before loses only the run's rows.
     */
    private static void removeRunRows(TargetCatalog catalog, Connection connection, TargetCapture capture,
                                      String migrationId, List<String> done) throws SQLException {
        for (String name : List.of(RejectsTable.NAME, LoadCheckpoints.NAME)) {
            if (!catalog.tableExists(new TableName(capture.defaultSchema, name))) {
                continue;
            }
            try (PreparedStatement s = connection.prepareStatement("DELETE FROM "
                    + Identifiers.qualified(capture.defaultSchema, name) + " WHERE migration_id = ?")) {
                s.setString(1, migrationId);
                if (s.executeUpdate() > 0) {
                    done.add("deleted the run's rows from " + capture.defaultSchema + "." + name
                            + ", which existed before the run");
                }
            }
        }
    }

    private static void removeFlywayHistoryRows(TargetCatalog catalog, Connection connection, TargetCapture capture,
                                                List<AppliedMigration> rows, List<String> done) throws SQLException {
        TableName history = new TableName(capture.defaultSchema, TargetCapture.FLYWAY_HISTORY);
        List<String> versions = rows.stream().filter(r -> r.prismaId == null).map(r -> r.version)
                .filter(v -> v != null).toList();
        if (versions.isEmpty() || !catalog.tableExists(history)) {
            return;
        }
        try (PreparedStatement s = connection.prepareStatement("DELETE FROM " + history.sql() + " WHERE version = ANY (?)")) {
            s.setArray(1, connection.createArrayOf("text", versions.toArray()));
            int deleted = s.executeUpdate();
            done.add("removed the run's " + deleted + " row(s) (versions " + String.join(", ", versions) + ") from "
                    + history + ", which existed before the run");
        }
    }

    /** By the ids the run gave them: rows Prisma or anyone else wrote stay, whatever their migration's name. */
    private static void removePrismaHistoryRows(TargetCatalog catalog, Connection connection, TargetCapture capture,
                                                List<AppliedMigration> rows, List<String> done) throws SQLException {
        TableName history = new TableName(capture.defaultSchema, TargetCapture.PRISMA_HISTORY);
        List<AppliedMigration> prismaRows = rows.stream().filter(r -> r.prismaId != null).toList();
        if (prismaRows.isEmpty() || !catalog.tableExists(history)) {
            return;
        }
        try (PreparedStatement s = connection.prepareStatement("DELETE FROM " + history.sql() + " WHERE id = ANY (?)")) {
            s.setArray(1, connection.createArrayOf("text", prismaRows.stream().map(r -> r.prismaId).toArray()));
            int deleted = s.executeUpdate();
            done.add("removed the run's " + deleted + " row(s) (" + prismaRows.stream().map(r -> r.script)
                    .collect(Collectors.joining(", ")) + ") from " + history + ", which existed before the run");
        }
    }

    @Transactional
    List<AppliedMigration> historyRowsToRemove(String migrationId) {
        return AppliedMigration.notCompensated(migrationId);
    }

    @Transactional
    void markCompensated(List<AppliedMigration> rows) {
        Instant now = Instant.now(clock);
        for (AppliedMigration row : rows) {
            AppliedMigration managed = AppliedMigration.findById(row.id);
            managed.compensatedAt = now;
        }
    }
}
