package io.jsonmig.bench.migration;

import io.jsonmig.bench.placeholder.PlaceholderCollection;
import io.jsonmig.mappingplan.target.Identifiers;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The floor the migration is compared with: the same rows, already as CSV, streamed into the same
 * tables with PgJDBC's {@code CopyManager.copyIn}, one COPY (and transaction) per table, parents first.
 */
public final class CsvCopyFloor {

    private CsvCopyFloor() {
    }

    /** Loads every table's CSV file; the timing covers the COPYs only (the schema exists already). */
    public static LoadTiming load(Connection connection, Map<PlaceholderCollection, Path> csvFiles) throws SQLException {
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        long rows = 0;
        Map<String, LoadTiming> tables = new LinkedHashMap<>();
        long start = System.nanoTime();
        for (PlaceholderCollection collection : PlaceholderCollection.values()) {
            Path csv = csvFiles.get(collection);
            long tableStart = System.nanoTime();
            try (InputStream in = Files.newInputStream(csv)) {
                long tableRows = copy.copyIn(copyStatement(collection), in, 1 << 16);
                tables.put(collection.table(), new LoadTiming(tableRows, System.nanoTime() - tableStart));
                rows += tableRows;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + csv, e);
            }
        }
        return new LoadTiming(rows, System.nanoTime() - start, tables);
    }

    static String copyStatement(PlaceholderCollection collection) {
        return "COPY " + Identifiers.quote(collection.table()) + " ("
                + collection.columns().stream().map(Identifiers::quote).collect(Collectors.joining(", "))
                + ") FROM STDIN (FORMAT csv)";
    }
}
