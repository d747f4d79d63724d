package io.jsonmig.migration.load;

import io.jsonmig.mappingplan.catalog.TableColumn;
import io.jsonmig.migration.catalog.TableConstraints;
import io.jsonmig.migration.catalog.TableConstraints.ForeignKey;
import io.jsonmig.migration.catalog.TableConstraints.RequiredColumn;
import io.jsonmig.migration.catalog.TableConstraints.UniqueKey;
import io.jsonmig.mappingplan.catalog.TargetTable;
import io.jsonmig.mappingplan.target.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A temporary table with the target's columns and types but none of its constraints, which the
 * records are COPied into first. The rows the target would refuse (a NULL in a NOT NULL column, a
 * key an earlier record already has, a foreign key whose parent row is absent) are then marked with
 * their reason in SQL, set-wise, and only the others are inserted into the target: one COPY still
 * carries the data, and a bad record no longer aborts it. Catching constraint errors per row would
 * need a savepoint per record; the catalog's constraints checked up front keep the load at COPY speed.
 * The raw JSON of a record the constraints refuse is added afterwards from the chunk's records, so
 * the COPY carries only the values of the records that load. One staging table per chunk, dropped
 * when the chunk commits (or rolls back).
 */
final class StagingTable {

    static final String NAME = "_jsonmig_staging";
    static final String RAW_TABLE = "_jsonmig_staging_raw";
    static final String POSITION = "_jsonmig_position";
    /** A child table's row: the element's index in the record's array; NULL for a collection's row. */
    static final String ELEMENT = "_jsonmig_element";
    static final String KEY = "_jsonmig_key";
    static final String RAW = "_jsonmig_raw";
    static final String RAW_SAFE = "_jsonmig_raw_safe";
    static final String REASON = "_jsonmig_reason";
    /** The columns after the target's, in COPY order. */
    static final List<String> META = List.of(POSITION, ELEMENT, KEY, RAW, RAW_SAFE, REASON);
    /** Rows in record order, a record's elements in array order. */
    private static final String ROW_ORDER = q(POSITION) + ", " + q(ELEMENT) + " NULLS FIRST";
    /** A record's refusals in one reject: a child table may refuse several of its elements. */
    private static final String REASONS = "string_agg(" + q(REASON) + ", '; ' ORDER BY " + q(ELEMENT) + " NULLS FIRST)";

    private static final String S = "pg_temp." + Identifiers.quote(NAME);

    private final TargetTable table;
    private final List<TableColumn> columns;
    private final Set<String> names;

    private StagingTable(TargetTable table, List<TableColumn> columns) {
        this.table = table;
        this.columns = columns;
        this.names = columns.stream().map(TableColumn::name).collect(Collectors.toSet());
    }

    static StagingTable create(Connection connection, TargetTable table, List<TableColumn> columns) throws SQLException {
        String targetColumns = columns.stream().map(c -> Identifiers.quote(c.name()) + ", ").collect(Collectors.joining());
        execute(connection, "CREATE TEMPORARY TABLE " + Identifiers.quote(NAME) + " ON COMMIT DROP AS SELECT "
                + targetColumns + "NULL::bigint AS " + q(POSITION) + ", NULL::integer AS " + q(ELEMENT) + ", NULL::text AS " + q(KEY) + ", NULL::text AS "
                + q(RAW) + ", NULL::text AS " + q(RAW_SAFE) + ", NULL::text AS " + q(REASON)
                + " FROM " + table.name().sql() + " WITH NO DATA");
        return new StagingTable(table, columns);
    }

    String copySql() {
        List<String> all = new ArrayList<>(names());
        all.addAll(META);
        return "COPY " + S + " (" + quotedList(all, Identifiers::quote) + ") FROM STDIN (FORMAT csv)";
    }

    /**
     * Marks every row the target would refuse, in this order: missing required values, keys the table
     * already holds, duplicates within the chunk, orphans.
     */
    void markRefused(Connection connection, TableConstraints constraints, List<String> primaryKey) throws SQLException {
        for (RequiredColumn required : constraints.required()) {
            if (names.contains(required.name())) {
                mark(connection, "UPDATE " + S + " SET " + q(REASON) + " = ? WHERE " + q(REASON) + " IS NULL AND "
                        + Identifiers.quote(required.name()) + " IS NULL",
                        "missing required value: column " + Identifiers.display(required.name()) + " is NOT NULL");
            } else if (!required.filled()) {
                mark(connection, "UPDATE " + S + " SET " + q(REASON) + " = ? WHERE " + q(REASON) + " IS NULL",
                        "missing required value: no field maps to column " + Identifiers.display(required.name())
                                + ", which is NOT NULL without a default");
            }
        }
        for (UniqueKey key : constraints.uniqueKeys()) {
            if (names.containsAll(key.columns())) {
                markKeysInTable(connection, key);
                markDuplicates(connection, key);
            }
        }
        for (ForeignKey foreignKey : constraints.foreignKeys()) {
            if (names.containsAll(foreignKey.columns())) {
                markOrphans(connection, foreignKey);
            }
        }
        if (!primaryKey.isEmpty() && names.containsAll(primaryKey)) {
            try (PreparedStatement s = connection.prepareStatement("UPDATE " + S + " SET " + q(KEY)
                    + " = " + KeyObject.of(primaryKey) + "::text WHERE " + q(REASON) + " IS NOT NULL AND "
                    + q(KEY) + " IS NULL")) {
                KeyObject.bind(s, 1, primaryKey);
                s.executeUpdate();
            }
        }
    }

    /** {@code duplicate key (id) of primary key users_pkey}: how every duplicate's reason begins. */
    private static String duplicateOf(UniqueKey key) {
        return "duplicate key (" + displayList(key.columns()) + ") of "
                + (key.primary() ? "primary key " : "unique index ") + Identifiers.display(key.name());
    }

    /**
     * A key the table already holds: a record of an earlier chunk of this load has it (the rows the
     * load committed before, also before a restart).
     */
    private void markKeysInTable(Connection connection, UniqueKey key) throws SQLException {
        String matches = key.columns().stream().map(c -> "t." + Identifiers.quote(c) + " = s." + Identifiers.quote(c))
                .collect(Collectors.joining(" AND "));
        mark(connection, "UPDATE " + S + " s SET " + q(REASON) + " = ? WHERE s." + q(REASON) + " IS NULL"
                + notNull("s.", key.columns()) + " AND EXISTS (SELECT 1 FROM " + table.name().sql() + " t WHERE "
                + matches + ")", duplicateOf(key) + ": a row already in " + table.name() + " has the same (an earlier record's, or one the table "
                + "held before the run)");
    }

    /** Keeps the first row of each key (by position and element); the later ones are refused naming its record. */
    private void markDuplicates(Connection connection, UniqueKey key) throws SQLException {
        String keyColumns = quotedList(key.columns(), Identifiers::quote);
        String sql = "UPDATE " + S + " s SET " + q(REASON) + " = ? || d.first || ? FROM (SELECT ctid AS row_id, "
                + "first_value(" + q(POSITION) + ") OVER w AS first, row_number() OVER w AS n FROM " + S + " WHERE "
                + q(REASON) + " IS NULL" + notNull("", key.columns()) + " WINDOW w AS (PARTITION BY " + keyColumns
                + " ORDER BY " + ROW_ORDER + ")) d WHERE s.ctid = d.row_id AND d.n > 1";
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, duplicateOf(key) + ": record ");
            s.setString(2, " has the same");
            s.executeUpdate();
        }
    }

    /**
     * A row whose foreign key columns are all set (MATCH SIMPLE) and whose parent row is absent. The
     * parents were loaded before (load order); a table that refers to itself finds its parents among
     * the rows kept so far.
     */
    private void markOrphans(Connection connection, ForeignKey key) throws SQLException {
        List<String> join = new ArrayList<>();
        for (int i = 0; i < key.columns().size(); i++) {
            join.add("p." + Identifiers.quote(key.parentColumns().get(i)) + " = s." + Identifiers.quote(key.columns().get(i)));
        }
        String matches = String.join(" AND ", join);
        String sql = "UPDATE " + S + " s SET " + q(REASON) + " = ? WHERE s." + q(REASON) + " IS NULL"
                + notNull("s.", key.columns()) + " AND NOT EXISTS (SELECT 1 FROM " + key.parent().sql() + " p WHERE "
                + matches + ")";
        if (key.parent().equals(table.name())) {
            sql += " AND NOT EXISTS (SELECT 1 FROM " + S + " p WHERE p." + q(REASON) + " IS NULL AND " + matches + ")";
        }
        mark(connection, sql, "orphan: (" + displayList(key.columns()) + ") refers to no row of " + key.parent()
                + " (foreign key " + Identifiers.display(key.name()) + ")");
    }

    /** Positions of the refused records whose raw JSON is not here yet (refused by constraints), ascending. */
    long[] refusedWithoutRaw(Connection connection) throws SQLException {
        List<Long> positions = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT DISTINCT " + q(POSITION)
                + " FROM " + S + " WHERE " + q(REASON) + " IS NOT NULL AND " + q(RAW) + " IS NULL ORDER BY "
                + q(POSITION))) {
            while (rs.next()) {
                positions.add(rs.getLong(1));
            }
        }
        return positions.stream().mapToLong(Long::longValue).toArray();
    }

    /** Creates the table {@link #mergeRaw} reads; returns the COPY that fills it (position, raw, raw for jsonb). */
    String createRawTable(Connection connection) throws SQLException {
        execute(connection, "CREATE TEMPORARY TABLE " + q(RAW_TABLE) + " (" + q(POSITION) + " bigint, " + q(RAW)
                + " text, " + q(RAW_SAFE) + " text) ON COMMIT DROP");
        return "COPY pg_temp." + q(RAW_TABLE) + " (" + q(POSITION) + ", " + q(RAW) + ", " + q(RAW_SAFE)
                + ") FROM STDIN (FORMAT csv)";
    }

    void mergeRaw(Connection connection) throws SQLException {
        execute(connection, "UPDATE " + S + " s SET " + q(RAW) + " = r." + q(RAW) + ", " + q(RAW_SAFE) + " = r."
                + q(RAW_SAFE) + " FROM pg_temp." + q(RAW_TABLE) + " r WHERE s." + q(POSITION) + " = r." + q(POSITION));
    }

    /** Inserts the rows nobody refused, in record order; returns how many. */
    long insertAccepted(Connection connection) throws SQLException {
        if (columns.isEmpty()) {
            return 0;
        }
        String list = quotedList(names(), Identifiers::quote);
        try (Statement s = connection.createStatement()) {
            return s.executeLargeUpdate("INSERT INTO " + table.name().sql() + " (" + list + ") SELECT " + list
                    + " FROM " + S + " WHERE " + q(REASON) + " IS NULL ORDER BY " + ROW_ORDER);
        }
    }

    /** The FROM clause of the rows nobody refused, for a SELECT of their columns. */
    static String acceptedRows() {
        return "FROM " + S + " WHERE " + q(REASON) + " IS NULL";
    }

    /**
     * The refused records as the reject file reads them, in record order: one per record, a child
     * table's refused elements of one record together, their reasons joined in array order.
     */
    static String refusedQuery() {
        return "SELECT " + q(POSITION) + ", min(" + q(KEY) + "), " + REASONS + ", min(" + q(RAW) + ") FROM " + S
                + " WHERE " + q(REASON) + " IS NOT NULL GROUP BY " + q(POSITION) + " ORDER BY " + q(POSITION);
    }

    /** Selects migration id and collection (parameters), then the refused records' columns of {@code _jsonmig_rejects}. */
    static String refusedForRejectsTable() {
        return "SELECT ?, ?, " + q(POSITION) + ", min(" + q(KEY) + "), " + REASONS + ", min(coalesce(" + q(RAW_SAFE)
                + ", " + q(RAW) + "))::jsonb FROM " + S + " WHERE " + q(REASON) + " IS NOT NULL GROUP BY " + q(POSITION);
    }

    private List<String> names() {
        return columns.stream().map(TableColumn::name).toList();
    }

    private static void mark(Connection connection, String sql, String reason) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, reason);
            s.executeUpdate();
        }
    }

    private static String notNull(String prefix, List<String> columns) {
        return columns.stream().map(c -> " AND " + prefix + Identifiers.quote(c) + " IS NOT NULL").collect(Collectors.joining());
    }

    private static String quotedList(List<String> names, Function<String, String> quote) {
        return names.stream().map(quote).collect(Collectors.joining(", "));
    }

    private static String displayList(List<String> names) {
        return quotedList(names, Identifiers::display);
    }

    private static String q(String name) {
        return Identifiers.quote(name);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }
}
