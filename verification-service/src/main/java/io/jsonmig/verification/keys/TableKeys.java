package io.jsonmig.verification.keys;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The keys a table declares in the catalog: its primary key, its unique constraints and its foreign
 * keys (with the referenced table as the server quotes it).
 */
public record TableKeys(Optional<List<String>> primaryKey, List<Unique> uniques, List<ForeignKey> foreignKeys) {

    public record Unique(String name, List<String> columns) {
    }

    /** @param referencedTable quoted by the server ({@code format('%I.%I')}) */
    public record ForeignKey(String name, List<String> columns, String referencedTable, List<String> referencedColumns) {
    }

    private static final String CONSTRAINTS = """
            SELECT con.contype, con.conname,
                   ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
                         JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i),
                   CASE WHEN con.contype = 'f' THEN pg_catalog.format('%I.%I', fn.nspname, fc.relname) END,
                   ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(n, i)
                         JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i)
              FROM pg_catalog.pg_constraint con
              LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid
              LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
             WHERE con.conrelid = ? AND con.contype IN ('p', 'u', 'f')
             ORDER BY con.contype, con.conname""";

    public static TableKeys read(Connection connection, long tableOid) throws SQLException {
        List<String> primary = null;
        List<Unique> uniques = new ArrayList<>();
        List<ForeignKey> foreign = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(CONSTRAINTS)) {
            s.setLong(1, tableOid);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    List<String> columns = strings(rs.getArray(3));
                    switch (rs.getString(1)) {
                        case "p" -> primary = columns;
                        case "u" -> uniques.add(new Unique(rs.getString(2), columns));
                        default -> foreign.add(new ForeignKey(rs.getString(2), columns, rs.getString(4),
                                strings(rs.getArray(5))));
                    }
                }
            }
        }
        return new TableKeys(Optional.ofNullable(primary), uniques, foreign);
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }
}
