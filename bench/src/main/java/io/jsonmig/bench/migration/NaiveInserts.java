package io.jsonmig.bench.migration;

import io.jsonmig.bench.placeholder.PlaceholderCollection;
import io.jsonmig.bench.placeholder.PlaceholderRecord;
import io.jsonmig.bench.placeholder.PlaceholderRecords;
import io.jsonmig.bench.placeholder.PlaceholderScale;
import io.jsonmig.mappingplan.target.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a hand-written migration script typically does: one {@code INSERT} per record through a
 * prepared statement, autocommit on (so one transaction, and one WAL flush, per row).
 */
final class NaiveInserts {

    private NaiveInserts() {
    }

    /** Inserts every record of the scale's collections, parents first; the timing covers the inserts only. */
    static LoadTiming load(Connection connection, PlaceholderScale scale, long seed) throws SQLException {
        connection.setAutoCommit(true);
        long rows = 0;
        long start = System.nanoTime();
        for (PlaceholderCollection collection : PlaceholderCollection.values()) {
            try (PreparedStatement insert = connection.prepareStatement(insertStatement(collection))) {
                Iterator<PlaceholderRecord> records = PlaceholderRecords.of(collection, scale, seed).iterator();
                while (records.hasNext()) {
                    List<Object> row = records.next().row();
                    for (int i = 0; i < row.size(); i++) {
                        bind(insert, i + 1, row.get(i));
                    }
                    rows += insert.executeUpdate();
                }
            }
        }
        return new LoadTiming(rows, System.nanoTime() - start);
    }

    static String insertStatement(PlaceholderCollection collection) {
        return "INSERT INTO " + Identifiers.quote(collection.table()) + " ("
                + collection.columns().stream().map(Identifiers::quote).collect(Collectors.joining(", "))
                + ") VALUES (" + collection.columns().stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    }

    private static void bind(PreparedStatement insert, int index, Object value) throws SQLException {
        if (value instanceof PlaceholderRecord.Jsonb jsonb) {
            insert.setObject(index, jsonb.json(), Types.OTHER);
        } else if (value == null) {
            insert.setNull(index, Types.VARCHAR);
        } else {
            insert.setObject(index, value);
        }
    }
}
