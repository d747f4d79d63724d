package io.jsonmig.mappingplan.catalog;

import io.jsonmig.mappingplan.target.TableName;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the target's system catalog. Values are always bound as parameters. */
public final class TargetCatalog {

    private static final String SYSTEM_SCHEMA_FILTER = """
            o.schema_name NOT IN ('pg_catalog', 'information_schema')
              AND o.schema_name NOT LIKE 'pg\\_toast%' AND o.schema_name NOT LIKE 'pg\\_temp\\_%'""";

    /*
     * Schemas, relations, types, routines and extensions outside the system schemas. Objects that
     * exist only as part of another one are left out: members of an extension, and anything with
     * an internal dependency (a table's row type, array types, identity sequences, range
     * constructors); so are indexes behind primary key, unique and exclusion constraints.
     */
    private static final String OBJECTS = """
            SELECT o.kind, o.schema_name, o.name, o.identity, o.oid::bigint, o.owner_oid::bigint
            FROM (
                SELECT 'SCHEMA' AS kind, n.nspname AS schema_name, n.nspname AS name, '' AS identity,
                       n.oid, NULL::oid AS owner_oid, 'pg_namespace'::regclass AS catalog
                FROM pg_namespace n
                UNION ALL
                SELECT CASE c.relkind WHEN 'r' THEN 'TABLE' WHEN 'p' THEN 'TABLE' WHEN 'v' THEN 'VIEW'
                                      WHEN 'm' THEN 'MATERIALIZED_VIEW' WHEN 'S' THEN 'SEQUENCE'
                                      WHEN 'f' THEN 'FOREIGN_TABLE' ELSE 'INDEX' END,
                       n.nspname, c.relname, '', c.oid,
                       CASE WHEN c.relkind IN ('i', 'I')
                                THEN (SELECT i.indrelid FROM pg_index i WHERE i.indexrelid = c.oid)
                            WHEN c.relkind = 'S'
                                THEN (SELECT d.refobjid FROM pg_depend d
                                      WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                        AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a' LIMIT 1)
                       END,
                       'pg_class'::regclass
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'i', 'I')
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint k
                                  WHERE k.conindid = c.oid AND k.contype IN ('p', 'u', 'x'))
                UNION ALL
                SELECT CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, n.nspname, t.typname, '', t.oid,
                       NULL, 'pg_type'::regclass
                FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                WHERE t.typtype IN ('b', 'c', 'd', 'e', 'r')
                  AND (t.typtype <> 'c'
                       OR EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind = 'c'))
                UNION ALL
                SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END,
                       n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), p.oid, NULL,
                       'pg_proc'::regclass
                FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                UNION ALL
                SELECT 'EXTENSION', n.nspname, e.extname, '', e.oid, NULL, 'pg_extension'::regclass
                FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
            ) o
            WHERE %s
              AND NOT EXISTS (SELECT 1 FROM pg_depend d
                              WHERE d.classid = o.catalog AND d.objid = o.oid AND d.deptype IN ('e', 'i'))
            """.formatted(SYSTEM_SCHEMA_FILTER);

    private static final String COLUMNS = """
            SELECT a.attname, format_type(a.atttypid, a.atttypmod), bt.typname, bt.typcategory, a.attgenerated <> '',
                   CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END
            FROM pg_attribute a
            JOIN pg_type t ON t.oid = a.atttypid
            JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
            WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            """;

    private final Connection connection;

    public TargetCatalog(Connection connection) {
        this.connection = connection;
    }

    /** Every user object of the target, in creation order. */
    public List<CatalogObject> objects() throws SQLException {
        List<CatalogObject> objects = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(OBJECTS + " ORDER BY 5")) {
            while (rs.next()) {
                long owner = rs.getLong(6);
                objects.add(new CatalogObject(ObjectKind.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getLong(5), rs.wasNull() ? null : owner));
            }
        }
        return objects;
    }

    /** The object that has this id now, if it still exists. */
    public Optional<CatalogObject> current(ObjectKind kind, long oid) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(OBJECTS + " AND o.oid = ? AND o.catalog = ?::regclass")) {
            s.setLong(1, oid);
            s.setString(2, kind.catalog());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long owner = rs.getLong(6);
                return Optional.of(new CatalogObject(ObjectKind.valueOf(rs.getString(1)), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getLong(5), rs.wasNull() ? null : owner));
            }
        }
    }

    public Optional<TargetTable> table(TableName name) throws SQLException {
        long oid;
        try (PreparedStatement s = connection.prepareStatement("""
                SELECT c.oid::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')""")) {
            s.setString(1, name.schema());
            s.setString(2, name.name());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                oid = rs.getLong(1);
            }
        }
        List<TableColumn> columns = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(COLUMNS)) {
            s.setLong(1, oid);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.add(new TableColumn(rs.getString(1), ColumnType.of(rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getInt(6)), rs.getBoolean(5)));
                }
            }
        }
        return Optional.of(new TargetTable(name, oid, columns));
    }

    /** The tables a table references with foreign keys (other than itself). */
    public List<Long> referencedTables(long tableOid) throws SQLException {
        List<Long> referenced = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("""
                SELECT DISTINCT confrelid::bigint FROM pg_constraint
                WHERE contype = 'f' AND conrelid = ? AND confrelid <> conrelid""")) {
            s.setLong(1, tableOid);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    referenced.add(rs.getLong(1));
                }
            }
        }
        return referenced;
    }

    /** Rows of a table that {@link #table} found; the name is quoted, never spliced as given. */
    public long rowCount(TargetTable table) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table.name().sql())) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Whether a table that {@link #table} found holds any row, without counting them all. */
    public boolean holdsRows(TargetTable table) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table.name().sql() + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    public boolean tableExists(TableName name) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("""
                SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')""")) {
            s.setString(1, name.schema());
            s.setString(2, name.name());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }
}
