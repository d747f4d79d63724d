package io.jsonmig.e2e.chaos;

import io.jsonmig.bench.migration.CsvCopyFloor;
import io.jsonmig.bench.migration.PlaceholderSchema;
import io.jsonmig.bench.placeholder.PlaceholderCollection;
import io.jsonmig.bench.placeholder.PlaceholderGenerator;
import io.jsonmig.testing.PostgresResource.TestDatabases;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rows a completed run must leave, independent of jsonmig's code: the generator's CSV copy of
 * the source's records, loaded with plain COPY into a database of the same schema. A target is
 * compared with it table by table: the same ids (none twice, none missing, none extra), and the
 * same values, as an MD5 of every row's text in id order and, to name a difference, each row's MD5.
 */
final class ExpectedTables implements AutoCloseable {

    private final TestDatabases databases;
    private final String database;

    private ExpectedTables(TestDatabases databases, String database) {
        this.databases = databases;
        this.database = database;
    }

    static ExpectedTables load(TestDatabases databases, PlaceholderGenerator.Generated source) throws SQLException {
        String database = databases.create("chaos_expected");
        try (Connection c = databases.connect(database)) {
            PlaceholderSchema.apply(c);
            CsvCopyFloor.load(c, source.csvFiles());
        } catch (SQLException | RuntimeException e) {
            databases.drop(database);
            throw e;
        }
        return new ExpectedTables(databases, database);
    }

    /** Per table, what differs in the target, one line each; a table that matches has an empty list. */
    Map<String, List<String>> compare(String target) throws SQLException {
        Map<String, List<String>> differences = new LinkedHashMap<>();
        try (Connection expected = databases.connect(database); Connection actual = databases.connect(target)) {
            for (PlaceholderCollection collection : PlaceholderCollection.values()) {
                differences.put(collection.table(), compare(collection.table(), expected, actual));
            }
        }
        return differences;
    }

    private static List<String> compare(String table, Connection expected, Connection actual) throws SQLException {
        List<String> differences = new ArrayList<>();
        if (!exists(actual, table)) {
            differences.add("no table " + table);
            return differences;
        }
        Rows want = Rows.of(expected, table);
        Rows have = Rows.of(actual, table);
        if (have.duplicateIds > 0) {
            differences.add(have.duplicateIds + " id(s) twice or more");
        }
        List<Integer> missing = want.md5ById.keySet().stream().filter(id -> !have.md5ById.containsKey(id)).toList();
        List<Integer> extra = have.md5ById.keySet().stream().filter(id -> !want.md5ById.containsKey(id)).toList();
        List<Integer> changed = want.md5ById.keySet().stream()
                .filter(id -> have.md5ById.containsKey(id) && !have.md5ById.get(id).equals(want.md5ById.get(id))).toList();
        if (!missing.isEmpty()) {
            differences.add(missing.size() + " id(s) missing, first " + first(missing));
        }
        if (!extra.isEmpty()) {
            differences.add(extra.size() + " id(s) not in the source, first " + first(extra));
        }
        if (!changed.isEmpty()) {
            differences.add(changed.size() + " row(s) with other values, first ids " + first(changed));
        }
        if (!have.md5OfAll.equals(want.md5OfAll)) {
            differences.add("MD5 of every row " + have.md5OfAll + ", the source's " + want.md5OfAll
                    + " (" + have.count + " rows, the source " + want.count + ")");
        }
        return differences;
    }

    /** A table's rows as id → MD5 of the row's text, the MD5 of all rows in id order, and how many ids repeat. */
    private record Rows(TreeMap<Integer, String> md5ById, long count, long duplicateIds, String md5OfAll) {
        static Rows of(Connection c, String table) throws SQLException {
            TreeMap<Integer, String> byId = new TreeMap<>();
            long count = 0;
            long duplicates = 0;
            String all;
            try (Statement s = c.createStatement()) {
                s.setFetchSize(10_000);
                c.setAutoCommit(false);
                try (ResultSet rs = s.executeQuery("SELECT id, md5(t::text) FROM " + table + " t ORDER BY id")) {
                    while (rs.next()) {
                        count++;
                        if (byId.put(rs.getInt(1), rs.getString(2)) != null) {
                            duplicates++;
                        }
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT coalesce(md5(string_agg(t::text, E'\\n' ORDER BY id)), '') "
                        + "FROM " + table + " t")) {
                    rs.next();
                    all = rs.getString(1);
                }
                c.commit();
                c.setAutoCommit(true);
            }
            return new Rows(byId, count, duplicates, all);
        }
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT to_regclass('public." + table + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static String first(List<Integer> ids) {
        return ids.subList(0, Math.min(5, ids.size())).toString();
    }

    @Override
    public void close() {
        databases.drop(database);
    }
}
