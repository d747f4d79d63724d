package io.jsonmig.e2e.chaos;

import io.jsonmig.testing.PostgresResource.TestDatabases;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What the target database holds outside the system catalogs: its schemas, relations (tables,
 * views, sequences, indexes), types and functions, and a fingerprint of the unrelated table's rows
 * and sequence. Taken before a run and after its rollback, the two must be equal.
 */
record TargetInventory(TreeSet<String> objects, String unrelatedRows) {

    private static final String USER_NAMESPACES = "n.nspname NOT IN ('pg_catalog', 'information_schema') "
            + "AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'";

    static TargetInventory capture(TestDatabases databases, String database) throws SQLException {
        TreeSet<String> objects = new TreeSet<>();
        try (Connection c = databases.connect(database); Statement s = c.createStatement()) {
            collect(s, "SELECT 'schema ' || n.nspname FROM pg_namespace n WHERE " + USER_NAMESPACES, objects);
            collect(s, "SELECT 'relation ' || n.nspname || '.' || c.relname || ' (' || c.relkind::text || ')' FROM pg_class c "
                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + USER_NAMESPACES, objects);
            collect(s, "SELECT 'type ' || n.nspname || '.' || t.typname FROM pg_type t JOIN pg_namespace n "
                    + "ON n.oid = t.typnamespace WHERE " + USER_NAMESPACES + " AND t.typtype IN ('e', 'd', 'r', 'm') ",
                    objects);
            collect(s, "SELECT 'function ' || p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n "
                    + "ON n.oid = p.pronamespace WHERE " + USER_NAMESPACES, objects);
            String rows = null;
            if (objects.contains("relation public." + UnrelatedTable.NAME + " (r)")) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) || ' rows, md5 ' || md5(string_agg(t::text, "
                        + "E'\\n' ORDER BY id)) || ', sequence at ' || (SELECT last_value FROM " + UnrelatedTable.NAME
                        + "_id_seq) FROM " + UnrelatedTable.NAME + " t")) {
                    rs.next();
                    rows = rs.getString(1);
                }
            }
            return new TargetInventory(objects, rows);
        }
    }

    /** What differs from {@code before}, one line each; empty when equal. */
    List<String> differencesFrom(TargetInventory before) {
        List<String> differences = new ArrayList<>();
        objects.stream().filter(o -> !before.objects.contains(o)).forEach(o -> differences.add("left behind: " + o));
        before.objects.stream().filter(o -> !objects.contains(o)).forEach(o -> differences.add("gone: " + o));
        if (!java.util.Objects.equals(unrelatedRows, before.unrelatedRows)) {
            differences.add(UnrelatedTable.NAME + ": " + unrelatedRows + ", before the run: " + before.unrelatedRows);
        }
        return differences;
    }

    private static void collect(Statement s, String sql, TreeSet<String> into) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                into.add(rs.getString(1));
            }
        }
    }
}
