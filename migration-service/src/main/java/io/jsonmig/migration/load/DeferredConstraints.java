package io.jsonmig.migration.load;

import io.jsonmig.mappingplan.catalog.TargetTable;
import io.jsonmig.migration.load.DeferredConstraint.Kind;
import io.jsonmig.mappingplan.target.TableName;
import io.jsonmig.support.job.ConnectionLoss;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Constraints after the load, as pgloader does it: the empty tables the run's schema migrations
 * created lose their keys, indexes and foreign keys before their load (recorded first, in the
 * ledger), take their rows by plain COPY, and get them back right after, each index built in one
 * sort and each foreign key validated in one set-based query instead of a check per row. NOT NULL
 * and CHECK constraints stay: they cost no index and refuse the same rows either way.
 *
 * <p>Which rows the keys refuse must not change: when the build refuses the rows (a duplicate key,
 * an orphan), the table is emptied, gets its constraints back and loads again as it did before,
 * which quarantines exactly those rows with their reasons and positions. A table that held rows,
 * that other tables refer to from outside the deferred ones, that refers to itself, that is
 * partitioned, inherited or clustered, or whose keys something else depends on, keeps its constraints.
 */
@ApplicationScoped
public class DeferredConstraints {

    /** A table of the plan, in load order. */
    public record Candidate(TargetTable table, boolean preExisting) {
    }

    /** The constraints deferred for one table, in build order. */
    public record DeferredTable(TableName table, List<DeferredConstraint> constraints) {

        List<String> primaryKey() {
            return constraints.stream().filter(c -> c.kind == Kind.PRIMARY_KEY).findFirst()
                    .map(DeferredConstraint::primaryKeyColumns).orElse(List.of());
        }
    }

    /** Does a table's share of a transaction that rebuilds its constraints. */
    @FunctionalInterface
    public interface SqlWork {
        void run(Connection connection) throws SQLException;
    }

    private final Clock clock;

    public DeferredConstraints(Clock clock) {
        this.clock = clock;
    }

    /**
     * Drops the constraints of the tables whose load may do without them, recorded first; a table
     * whose constraints an earlier start of this attempt recorded and has not built yet stays deferred
     * (they are dropped again if a crash came between recording and dropping).
     *
     * @param begun the tables this attempt began to load before: they keep the path they started on
     */
    public Map<TableName, DeferredTable> defer(String migrationId, int attempt, Connection connection,
                                               List<Candidate> loadOrder, Set<TableName> begun) throws SQLException {
        List<DeferredConstraint> known = ofAttempt(migrationId, attempt);
        Set<TableName> recordedTables = known.stream().map(DeferredConstraint::table).collect(Collectors.toSet());
        List<DeferredConstraint> pending = known.stream().filter(c -> c.builtAt == null).toList();
        ensureDropped(connection, pending);

        Map<TableName, Long> occurrences = loadOrder.stream()
                .collect(Collectors.groupingBy(c -> c.table().name(), Collectors.counting()));
        Map<Long, Integer> loadIndex = new HashMap<>();
        for (int i = 0; i < loadOrder.size(); i++) {
            loadIndex.putIfAbsent(loadOrder.get(i).table().oid(), i);
        }
        Map<Long, TableDefinitions> candidates = new LinkedHashMap<>();
        for (Candidate candidate : loadOrder) {
            TargetTable table = candidate.table();
            if (candidate.preExisting() || occurrences.get(table.name()) > 1 || begun.contains(table.name())
                    || recordedTables.contains(table.name()) || !deferrable(connection, table.oid())) {
                continue;
            }
            TableDefinitions definitions = TableDefinitions.read(connection, table);
            if (!definitions.constraints().isEmpty()) {
                candidates.put(table.oid(), definitions);
            }
        }
        Set<Long> deferredOids = new HashSet<>(candidates.keySet());
        pending.forEach(c -> deferredOids.add(c.tableOid));
        boolean changed = true;
        while (changed) {
            changed = false;
            for (TableDefinitions definitions : List.copyOf(candidates.values())) {
                long oid = definitions.table().oid();
                int index = loadIndex.get(oid);
                boolean referredFromOutside = definitions.referencingTables().stream()
                        .anyMatch(child -> !deferredOids.contains(child) || loadIndex.getOrDefault(child, -1) < index);
                boolean refersToLaterTable = definitions.parents().stream()
                        .anyMatch(parent -> deferredOids.contains(parent)
                                && loadIndex.getOrDefault(parent, Integer.MAX_VALUE) > index);
                if (referredFromOutside || refersToLaterTable) {
                    candidates.remove(oid);
                    deferredOids.remove(oid);
                    changed = true;
                }
            }
        }
        List<DeferredConstraint> added = candidates.isEmpty() ? List.of()
                : record(migrationId, attempt, candidates.values().stream().flatMap(d -> d.constraints().stream()).toList());
        if (!added.isEmpty()) {
            try {
                dropInOneTransaction(connection, added);
            } catch (SQLException e) {
                if (ConnectionLoss.is(e)) {
                    throw e;
                }
                // Something depends on a key (a view grouping by it, say): those tables keep their constraints.
                Log.warnf("[%s] loading with the constraints in place: cannot drop them before the load: %s",
                        migrationId, e.getMessage());
                forget(added);
                added = List.of();
            }
        }
        List<DeferredConstraint> deferred = new ArrayList<>(pending);
        deferred.addAll(added);
        markDropped(deferred);
        Map<TableName, DeferredTable> byTable = new LinkedHashMap<>();
        deferred.stream().sorted(Comparator.comparingInt((DeferredConstraint c) -> c.buildOrder))
                .collect(Collectors.groupingBy(DeferredConstraint::table, LinkedHashMap::new, Collectors.toList()))
                .forEach((table, constraints) -> byTable.put(table, new DeferredTable(table, constraints)));
        if (!added.isEmpty()) {
            Log.infof("[%s] constraints after the load for %s", migrationId, added.stream()
                    .map(DeferredConstraint::table).distinct().map(TableName::toString).collect(Collectors.joining(", ")));
        }
        return byTable;
    }

    /**
     * Builds the table's constraints in one transaction.
     *
     * @return false when its rows refuse them (a duplicate key, an orphan): nothing is built then
     */
    public boolean build(Connection connection, DeferredTable table) throws SQLException {
        connection.setAutoCommit(false);
        try {
            buildAll(connection, table);
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                Log.infof("%s refuses its constraints after the load (%s): loading it again with them in place",
                        table.table(), e.getMessage());
                return false;
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
        markBuilt(table.constraints());
        return true;
    }

    /** Empties the table, does {@code reset} and builds its constraints, in one transaction. */
    public void rebuildEmpty(Connection connection, DeferredTable table, SqlWork reset) throws SQLException {
        connection.setAutoCommit(false);
        try {
            execute(connection, "TRUNCATE " + table.table().sql());
            reset.run(connection);
            buildAll(connection, table);
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
        markBuilt(table.constraints());
    }

    private static void buildAll(Connection connection, DeferredTable table) throws SQLException {
        for (DeferredConstraint constraint : table.constraints()) {
            execute(connection, constraint.buildSql());
        }
    }

    private static void ensureDropped(Connection connection, List<DeferredConstraint> constraints) throws SQLException {
        if (!constraints.isEmpty()) {
            dropInOneTransaction(connection, constraints);
        }
    }

    /** Foreign keys first, since they depend on their parents' keys; then keys and indexes. */
    private static void dropInOneTransaction(Connection connection, List<DeferredConstraint> constraints)
            throws SQLException {
        connection.setAutoCommit(false);
        try {
            for (DeferredConstraint c : constraints.stream().filter(c -> c.kind == Kind.FOREIGN_KEY).toList()) {
                execute(connection, c.dropSql());
            }
            for (DeferredConstraint c : constraints.stream().filter(c -> c.kind != Kind.FOREIGN_KEY).toList()) {
                execute(connection, c.dropSql());
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /**
     * Not partitioned, no partition, no inheritance, no clustered or replica identity index, no index in a
     * tablespace of its own or an exclusion constraint's with storage options (the definitions PostgreSQL
     * prints leave those out), no comments on keys or indexes: what the build gives back is what there was.
     */
    private static boolean deferrable(Connection connection, long oid) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("""
                SELECT c.relkind = 'r' AND NOT c.relispartition
                   AND NOT EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = c.oid OR inhparent = c.oid)
                   AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid
                                   AND (i.indisclustered OR i.indisreplident OR NOT i.indisvalid))
                   AND NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conrelid = c.oid AND co.contype = 'f'
                                   AND co.confrelid = c.oid)
                   AND NOT EXISTS (SELECT 1 FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
                                   WHERE i.indrelid = c.oid AND (ic.reltablespace <> 0 OR (ic.reloptions IS NOT NULL
                                   AND EXISTS (SELECT 1 FROM pg_constraint x WHERE x.conindid = ic.oid
                                               AND x.conrelid = c.oid AND x.contype = 'x'))))
                   AND NOT EXISTS (SELECT 1 FROM pg_description d WHERE d.objoid IN (
                           SELECT indexrelid FROM pg_index WHERE indrelid = c.oid
                           UNION ALL SELECT oid FROM pg_constraint WHERE conrelid = c.oid))
                FROM pg_class c WHERE c.oid = ?""")) {
            s.setLong(1, oid);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Transactional
    List<DeferredConstraint> ofAttempt(String migrationId, int attempt) {
        return DeferredConstraint.ofAttempt(migrationId, attempt);
    }

    @Transactional
    List<DeferredConstraint> record(String migrationId, int attempt, List<DeferredConstraint> constraints) {
        Instant now = Instant.now(clock);
        for (DeferredConstraint c : constraints) {
            c.migrationId = migrationId;
            c.attempt = attempt;
            c.recordedAt = now;
            c.persist();
        }
        return constraints;
    }

    @Transactional
    void forget(List<DeferredConstraint> constraints) {
        for (DeferredConstraint c : constraints) {
            DeferredConstraint.deleteById(c.id);
        }
    }

    @Transactional
    void markDropped(List<DeferredConstraint> constraints) {
        Instant now = Instant.now(clock);
        for (DeferredConstraint c : constraints) {
            DeferredConstraint managed = DeferredConstraint.findById(c.id);
            if (managed.droppedAt == null) {
                managed.droppedAt = now;
            }
        }
    }

    @Transactional
    void markBuilt(List<DeferredConstraint> constraints) {
        Instant now = Instant.now(clock);
        for (DeferredConstraint c : constraints) {
            DeferredConstraint managed = DeferredConstraint.findById(c.id);
            managed.builtAt = now;
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    /** What the catalog says of one table's keys, indexes and foreign keys, and of the tables around it. */
    private record TableDefinitions(TargetTable table, List<DeferredConstraint> constraints, Set<Long> parents,
                                    Set<Long> referencingTables) {

        static TableDefinitions read(Connection connection, TargetTable table) throws SQLException {
            List<DeferredConstraint> constraints = new ArrayList<>();
            Set<Long> parents = new HashSet<>();
            try (PreparedStatement s = connection.prepareStatement("""
                    SELECT co.contype, co.conname, pg_get_constraintdef(co.oid)
                           || CASE WHEN co.contype IN ('p', 'u') AND ic.reloptions IS NOT NULL
                                   THEN ' WITH (' || array_to_string(ARRAY(SELECT quote_ident(option_name) || '='
                                        || quote_literal(option_value) FROM pg_options_to_table(ic.reloptions)), ', ')
                                        || ')'
                                   ELSE '' END,
                           co.confrelid::bigint,
                           ARRAY(SELECT a.attname FROM unnest(co.conkey) WITH ORDINALITY k(attnum, n)
                                 JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.attnum ORDER BY k.n)
                    FROM pg_constraint co LEFT JOIN pg_class ic ON ic.oid = co.conindid AND co.contype <> 'f'
                    WHERE co.conrelid = ? AND co.contype IN ('p', 'u', 'x', 'f')
                    ORDER BY co.conname""")) {
                s.setLong(1, table.oid());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        Kind kind = switch (rs.getString(1)) {
                            case "p" -> Kind.PRIMARY_KEY;
                            case "f" -> Kind.FOREIGN_KEY;
                            default -> Kind.KEY;
                        };
                        DeferredConstraint c = constraint(table, kind, rs.getString(2), rs.getString(3));
                        if (kind == Kind.PRIMARY_KEY) {
                            c.keyColumns = String.join("\u0001", strings(rs.getArray(5)));
                        }
                        if (kind == Kind.FOREIGN_KEY) {
                            parents.add(rs.getLong(4));
                        }
                        constraints.add(c);
                    }
                }
            }
            try (PreparedStatement s = connection.prepareStatement("""
                    SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                    WHERE i.indrelid = ? AND NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = i.indexrelid
                          AND co.conrelid = i.indrelid AND co.contype IN ('p', 'u', 'x'))
                    ORDER BY c.relname""")) {
                s.setLong(1, table.oid());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        constraints.add(constraint(table, Kind.INDEX, rs.getString(1), rs.getString(2)));
                    }
                }
            }
            Set<Long> referencing = new HashSet<>();
            try (PreparedStatement s = connection.prepareStatement("""
                    SELECT DISTINCT conrelid::bigint FROM pg_constraint
                    WHERE contype = 'f' AND confrelid = ? AND conrelid <> confrelid""")) {
                s.setLong(1, table.oid());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        referencing.add(rs.getLong(1));
                    }
                }
            }
            constraints.sort(Comparator.comparing((DeferredConstraint c) -> c.kind).thenComparing(c -> c.name));
            for (int i = 0; i < constraints.size(); i++) {
                constraints.get(i).buildOrder = i;
            }
            boolean hasRows = hasRows(connection, table);
            return new TableDefinitions(table, hasRows ? List.of() : constraints, parents, referencing);
        }

        private static boolean hasRows(Connection connection, TargetTable table) throws SQLException {
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table.name().sql() + ")")) {
                rs.next();
                return rs.getBoolean(1);
            }
        }

        private static DeferredConstraint constraint(TargetTable table, Kind kind, String name, String definition) {
            DeferredConstraint c = new DeferredConstraint();
            c.schemaName = table.name().schema();
            c.tableName = table.name().name();
            c.tableOid = table.oid();
            c.kind = kind;
            c.name = name;
            c.definition = definition;
            return c;
        }

        private static List<String> strings(Array array) throws SQLException {
            return Arrays.stream((Object[]) array.getArray()).map(String.class::cast).toList();
        }
    }
}
