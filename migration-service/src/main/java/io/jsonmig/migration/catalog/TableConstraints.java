package io.jsonmig.migration.catalog;

import io.jsonmig.mappingplan.target.TableName;
import io.jsonmig.mappingplan.catalog.TableColumn;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a table demands of a row, as its catalog says: NOT NULL columns, unique keys (primary key,
 * unique constraints and plain unique indexes on columns) and foreign keys. Read once per load, so
 * a record the table would refuse is quarantined instead of failing the whole COPY.
 */
public record TableConstraints(List<RequiredColumn> required, List<UniqueKey> uniqueKeys, List<ForeignKey> foreignKeys) {

    /** A NOT NULL column; {@code filled} when PostgreSQL fills it when left out (default, identity, generated). */
    public record RequiredColumn(String name, boolean filled) {
    }

    /** Columns in index order; expression and partial indexes are left out (they cannot be checked by columns). */
    public record UniqueKey(String name, List<String> columns, boolean primary) {
    }

    public record ForeignKey(String name, List<String> columns, TableName parent, List<String> parentColumns) {
    }

    public static TableConstraints read(Connection connection, long tableOid) throws SQLException {
        List<RequiredColumn> required = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("""
                SELECT attname, atthasdef OR attidentity <> '' OR attgenerated <> '' FROM pg_attribute
                WHERE attrelid = ? AND attnum > 0 AND NOT attisdropped AND attnotnull ORDER BY attnum""")) {
            s.setLong(1, tableOid);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    required.add(new RequiredColumn(rs.getString(1), rs.getBoolean(2)));
                }
            }
        }
        List<UniqueKey> unique = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("""
                SELECT c.relname, i.indisprimary,
                       ARRAY(SELECT a.attname FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, n)
                             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum ORDER BY k.n)
                FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                WHERE i.indrelid = ? AND i.indisunique AND i.indexprs IS NULL AND i.indpred IS NULL
                ORDER BY i.indisprimary DESC, c.relname""")) {
            s.setLong(1, tableOid);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    unique.add(new UniqueKey(rs.getString(1), strings(rs.getArray(3)), rs.getBoolean(2)));
                }
            }
        }
        List<ForeignKey> foreign = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("""
                SELECT co.conname, pn.nspname, pc.relname,
                       ARRAY(SELECT a.attname FROM unnest(co.conkey) WITH ORDINALITY k(attnum, n)
                             JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.attnum ORDER BY k.n),
                       ARRAY(SELECT a.attname FROM unnest(co.confkey) WITH ORDINALITY k(attnum, n)
                             JOIN pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.attnum ORDER BY k.n)
                FROM pg_constraint co JOIN pg_class pc ON pc.oid = co.confrelid
                JOIN pg_namespace pn ON pn.oid = pc.relnamespace
                WHERE co.contype = 'f' AND co.conrelid = ? ORDER BY co.conname""")) {
            s.setLong(1, tableOid);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    foreign.add(new ForeignKey(rs.getString(1), strings(rs.getArray(4)),
                            new TableName(rs.getString(2), rs.getString(3)), strings(rs.getArray(5))));
                }
            }
        }
        return new TableConstraints(required, unique, foreign);
    }

    /** The primary key's columns, or none. */
    /** Whether the table has a primary key whose every column is among those written. */
    public boolean hasWritablePrimaryKey(List<TableColumn> written) {
        List<String> names = written.stream().map(TableColumn::name).toList();
        return !primaryKey().isEmpty() && names.containsAll(primaryKey());
    }

    public List<String> primaryKey() {
        return uniqueKeys.stream().filter(UniqueKey::primary).findFirst().map(UniqueKey::columns).orElse(List.of());
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(String.class::cast).toList();
    }
}
