package io.jsonmig.verification.check;

import io.jsonmig.events.payload.TableLoad;
import io.jsonmig.mappingplan.catalog.TableColumn;
import io.jsonmig.mappingplan.catalog.TargetTable;
import io.jsonmig.mappingplan.load.ValueOptions;
import io.jsonmig.mappingplan.mapping.FieldValue;
import io.jsonmig.mappingplan.mapping.UnmappableRecord;
import io.jsonmig.mappingplan.target.Identifiers;
import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.source.JsonRecords;
import io.jsonmig.support.source.SourceSet;
import io.jsonmig.verification.keys.KeyCheck;
import io.jsonmig.verification.keys.KeyChecks;
import io.jsonmig.verification.keys.TableKeys;
import io.jsonmig.verification.rows.FieldDifference;
import io.jsonmig.verification.rows.HashSorter;
import io.jsonmig.verification.rows.KeyedHash;
import io.jsonmig.verification.rows.RowDifference;
import io.jsonmig.verification.rows.RowHasher;
import io.jsonmig.verification.rows.RowMerge;
import io.jsonmig.mappingplan.value.ColumnValues;
import io.jsonmig.mappingplan.value.ValueKind;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/**
 * Compares one collection of the snapshot with its table, row by row: each record's mapped values
 * (resolved by the run's mapping plan, as the load resolved them) against the table's row of the same
 * key, both in {@link ColumnValues}' canonical form; then the figures of every column, the keys and the
 * schema. Memory is bounded by {@link Settings#sortBuffer}: row hashes beyond it spill to disk.
 */
public final class TableVerifier {

    /** How a table is compared. */
    public record Settings(int maxDifferences, int sortBuffer, Path spillDir, long progressEvery,
                           Long sampleAboveRecords, double sampleRatio) {
    }

    private static final int FETCH_SIZE = 5000;
    private static final int SAMPLE_BUCKETS = 1_000_000;
    private static final int LISTED = 5;

    private final Connection connection;
    private final SourceSet source;
    private final Settings settings;
    private final Map<String, Long> recordsRead = new HashMap<>();

    public TableVerifier(Connection connection, SourceSet source, Settings settings) {
        this.connection = connection;
        this.source = source;
        this.settings = settings;
    }

    /** The records of each collection read so far, by collection: as the snapshot holds them now. */
    public Map<String, Long> recordsRead() {
        return Map.copyOf(recordsRead);
    }

    /**
     * @param expectedRecords records of the collection in the snapshot
     * @param rejected        positions of the records the migration quarantined
     * @param progress        receives the number of records compared so far
     */
    public TableVerification verify(TableSource plan, TableLoad load, long expectedRecords, Set<Long> rejected,
                                    LongConsumer progress) throws SQLException {
        long started = System.nanoTime();
        String collection = plan.name();
        TargetTable table = plan.table();
        String tableName = table.name().toString();
        List<String> problems = new ArrayList<>();
        if (load != null && !plan.child() && !Objects.equals(load.table(), tableName)
                && !Objects.equals(load.table(), Identifiers.display(table.name().name()))) {
            problems.add("collection " + collection + " was reported loaded into " + load.table()
                    + ", but the mapping plan maps it to " + tableName);
        }

        List<TableColumn> columns = comparedColumns(plan);
        TableKeys keys = TableKeys.read(connection, table.oid());
        RowKey rowKey = RowKey.choose(keys, columns);
        boolean sampled = settings.sampleAboveRecords() != null && expectedRecords > settings.sampleAboveRecords();
        long rowsBefore = load == null ? 0 : load.rowsBefore();

        List<FiguresTally> expectedFigures = tallies(columns);
        List<FiguresTally> actualFigures = tallies(columns);
        long[] notStorable = new long[columns.size()];
        String[] firstNotStorable = new String[columns.size()];
        List<String> unmapped = new ArrayList<>();
        long[] compared = {0};
        long[] expectedRows = {0};
        long[] skipped = {0};

        try (HashSorter expected = new HashSorter(settings.sortBuffer(), settings.spillDir());
             HashSorter actual = new HashSorter(settings.sortBuffer(), settings.spillDir())) {
            RowHasher hasher = new RowHasher();
            // the table is read on a thread of its own while the snapshot is parsed: two cores, two halves
            FutureTask<Long> tableRead = new FutureTask<>(() -> readTable(table, columns, rowKey, sampled,
                    actualFigures, actual, new RowHasher()));
            Thread reader = new Thread(tableRead, "jsonmig-verification-rows");
            reader.setDaemon(true);
            reader.start();
            try {
                // one record's rows: figures, values a column cannot hold, the hash by key
                RowsHandler rowsOf = (position, rowsOfRecord) -> {
                    compared[0]++;
                    for (List<String> values : rowsOfRecord) {
                        expectedRows[0]++;
                        for (int i = 0; i < columns.size(); i++) {
                            String value = values.get(i);
                            expectedFigures.get(i).add(value);
                            if (value != null && value.startsWith("<") && notStorable[i]++ == 0) {
                                firstNotStorable[i] = "record " + position + ": " + value;
                            }
                        }
                        String key = rowKey.keyOf(values);
                        if (!sampled || inSample(key)) {
                            expected.add(hasher.hash(key, values, position));
                        }
                    }
                    if ((compared[0] + skipped[0]) % settings.progressEvery() == 0) {
                        progress.accept(compared[0] + skipped[0]);
                    }
                };
                JsonRecords.RecordHandler treeOf = (c, position, record) -> {
                    if (!plan.child() && rejected.contains(position)) {
                        skipped[0]++;
                        if ((compared[0] + skipped[0]) % settings.progressEvery() == 0) {
                            progress.accept(compared[0] + skipped[0]);
                        }
                        return;
                    }
                    List<List<String>> rowsOfRecord;
                    try {
                        rowsOfRecord = expectedRows(plan, columns, record, position);
                    } catch (UnmappableRecord e) {
                        if (unmapped.size() < LISTED && !plan.child()) {
                            unmapped.add("record " + position + ": " + e.getMessage());
                        }
                        rowsOfRecord = List.of();
                    }
                    rowsOf.accept(position, rowsOfRecord);
                };
                long read;
                if (!plan.child() && plan.routes().isPresent()) {
                    // values read from the tokens by the plan's routes; a record they cannot route, as a tree
                    StreamedRecord streamed = new StreamedRecord(plan.routes().get(), columns);
                    read = JsonRecords.stream(source, plan.collection(), 0, (position, parser, start, bytes) -> {
                        long from = parser.currentTokenLocation().getByteOffset();
                        bytes.keepFrom(from);
                        if (rejected.contains(position)) {
                            parser.skipChildren();
                            treeOf.accept(plan.collection(), position, null);
                            return;
                        }
                        List<String> values = streamed.read(parser);
                        if (values != null) {
                            rowsOf.accept(position, List.of(values));
                        } else {
                            treeOf.accept(plan.collection(), position,
                                    bytes.record(from, parser.currentLocation().getByteOffset()));
                        }
                    });
                } else {
                    read = JsonRecords.read(source, plan.collection(), treeOf);
                }
                recordsRead.put(plan.collection(), read);
            } finally {
                awaitQuietly(tableRead); // the connection is free again only once the reader is done
            }
            long rows = rowsRead(tableRead, tableName);
            RowMerge merge = new RowMerge(settings.maxDifferences());
            // a child table's elements of a rejected record may be quarantined too: accounted for, not missing
            merge.merge(expected.sorted(), actual.sorted(), rowKey::display,
                    position -> plan.child() && rejected.contains(position));
            progress.accept(compared[0] + skipped[0]);

            List<RowDifference> differences = new ArrayList<>();
            merge.missingSamples().forEach(m -> differences.add(new RowDifference(RowDifference.Kind.MISSING,
                    rowKey.display(m.key()), m.position(), null)));
            differences.addAll(fieldDifferences(plan, table, columns, rowKey, merge.differentSamples()));
            differences.addAll(merge.others());

            if (!unmapped.isEmpty()) {
                problems.add("collection " + collection + ": record(s) that map to no column were not rejected: "
                        + String.join("; ", unmapped));
            }
            describeRows(problems, tableName, merge, differences, rowsBefore);

            List<ColumnCheck> columnChecks = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                TableColumn column = columns.get(i);
                columnChecks.add(new ColumnCheck(column.name(), column.type().sqlType(), notStorable[i],
                        firstNotStorable[i]));
                if (notStorable[i] > 0) {
                    problems.add("column " + column.name() + " of " + tableName + " (" + column.type().sqlType()
                            + "): " + notStorable[i] + " record(s) hold a value it cannot store, not rejected (first: "
                            + firstNotStorable[i].substring(0, firstNotStorable[i].indexOf(':')) + ")");
                }
            }

            if (plan.child() && load != null && rows != load.rows() + rowsBefore) {
                problems.add("child table " + tableName + " holds " + rows + " rows, the migration reported loading "
                        + load.rows() + (rowsBefore == 0 ? "" : " (and " + rowsBefore + " held before the run)"));
            }
            if (plan.child() && load == null && rows > 0) {
                problems.add("child table " + tableName + " of collection " + plan.collection()
                        + " holds rows, but the migration reported no load of it");
            }

            List<AggregateCheck> aggregates = new ArrayList<>();
            // figures need every row: an append run's table holds others, a child table's refused elements are missing
            if (rowsBefore == 0 && !(plan.child() && !rejected.isEmpty())) {
                for (int i = 0; i < columns.size(); i++) {
                    aggregates.add(compareFigures(columns.get(i), expectedFigures.get(i).figures(),
                            actualFigures.get(i).figures(), tableName));
                }
                aggregates.stream().flatMap(a -> a.problems().stream()).forEach(problems::add);
            }

            List<KeyCheck> keyChecks = new ArrayList<>();
            keyChecks.add(new KeyCheck(KeyCheck.Kind.ROW_KEY_UNIQUE, rowKey.source(), rowKey.columns(),
                    merge.duplicatesInTable(), merge.others().stream()
                    .filter(d -> d.kind() == RowDifference.Kind.DUPLICATE_IN_TABLE).map(RowDifference::key)
                    .limit(LISTED).toList()));
            KeyChecks sql = new KeyChecks(connection, table, rowKey.columns(), settings.maxDifferences());
            keyChecks.addAll(sql.uniques(keys));
            keyChecks.addAll(sql.foreignKeys(keys));
            keyChecks.stream().skip(1).filter(k -> !k.passed()).map(k -> k.describe(tableName)).forEach(problems::add);

            long millis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
            return new TableVerification(collection, tableName, rowKey.columns(), rowKey.source(),
                    sampled ? "sample" : "full", sampled ? settings.sampleRatio() : null,
                    plan.child() ? expectedRows[0] : compared[0], plan.child() ? merge.accountedFor() : skipped[0],
                    rows, merge.matched(), merge.missing(), merge.extra(), merge.different(), merge.duplicates(),
                    differences, columnChecks, aggregates, keyChecks, problems, millis,
                    (compared[0] + rows) * 1000 / millis / 2, expected.spilledRuns() + actual.spilledRuns());
        }
    }

    private void describeRows(List<String> problems, String table, RowMerge merge, List<RowDifference> differences,
                              long rowsBefore) {
        if (merge.missing() > 0) {
            problems.add(merge.missing() + " row(s) missing from " + table + ": " + listed(differences,
                    RowDifference.Kind.MISSING, merge.missing()));
        }
        if (merge.extra() > 0 && merge.extra() != rowsBefore) {
            problems.add(merge.extra() + " row(s) of " + table + " not in the snapshot"
                    + (rowsBefore == 0 ? "" : " (" + rowsBefore + " held before the run)") + ": "
                    + listed(differences, RowDifference.Kind.EXTRA, merge.extra()));
        }
        if (merge.different() > 0) {
            problems.add(merge.different() + " row(s) of " + table + " differ from the snapshot: "
                    + differences.stream().filter(d -> d.kind() == RowDifference.Kind.DIFFERENT).limit(LISTED)
                    .map(d -> d.key() + (d.fields().isEmpty() ? "" : " (" + d.fields().stream()
                            .map(FieldDifference::column).collect(Collectors.joining(", ")) + ")"))
                    .collect(Collectors.joining(", ")) + (merge.different() > LISTED ? ", ..." : ""));
        }
        for (RowDifference d : differences) {
            if (d.kind() == RowDifference.Kind.DUPLICATE_IN_TABLE || d.kind() == RowDifference.Kind.DUPLICATE_IN_SNAPSHOT) {
                problems.add(d.describe(table));
            }
        }
    }

    private static String listed(List<RowDifference> differences, RowDifference.Kind kind, long total) {
        return differences.stream().filter(d -> d.kind() == kind).limit(LISTED).map(RowDifference::key)
                .collect(Collectors.joining(", ")) + (total > LISTED ? ", ..." : "");
    }

    /** The columns the load writes: the plan's, or without a mapping file those the records fill. */
    private List<TableColumn> comparedColumns(TableSource plan) {
        Set<String> names = new LinkedHashSet<>();
        if (plan.columns().isPresent()) {
            plan.columns().get().forEach(c -> names.add(c.name()));
        } else {
            long read = JsonRecords.read(source, plan.collection(), (c, position, record) -> {
                try {
                    plan.rows().of(record, position).forEach(row -> names.addAll(row.keySet()));
                } catch (UnmappableRecord e) {
                    // shown when the records are compared
                }
            });
            recordsRead.put(plan.collection(), read);
        }
        return plan.table().columns().stream().filter(c -> names.contains(c.name()) && !c.generated()).toList();
    }

    private static List<List<String>> expectedRows(TableSource plan, List<TableColumn> columns,
                                                   com.fasterxml.jackson.databind.node.ObjectNode record,
                                                   long position) {
        return plan.rows().of(record, position).stream().map(row -> expectedValues(row, columns)).toList();
    }

    private static List<String> expectedValues(Map<String, FieldValue> resolved, List<TableColumn> columns) {
        List<String> values = new ArrayList<>(columns.size());
        for (TableColumn column : columns) {
            FieldValue value = resolved.get(column.name());
            values.add(value == null ? null : ColumnValues.expected(column.type(), value.value(),
                    value.options() == null ? ValueOptions.DEFAULTS : value.options()));
        }
        return values;
    }

    private long readTable(TargetTable table, List<TableColumn> columns, RowKey rowKey, boolean sampled,
                           List<FiguresTally> figures, HashSorter actual, RowHasher hasher) throws SQLException {
        if (columns.isEmpty()) {
            return 0;
        }
        String select = "SELECT " + columns.stream().map(c -> ColumnValues.readExpression(c.type(), c.name()))
                .collect(Collectors.joining(", ")) + " FROM " + table.name().sql();
        long rows = 0;
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = statement.executeQuery(select)) {
                List<String> values = new ArrayList<>(columns.size());
                while (rs.next()) {
                    rows++;
                    values.clear();
                    for (int i = 0; i < columns.size(); i++) {
                        String value = ColumnValues.stored(columns.get(i).type(), rs.getString(i + 1));
                        values.add(value);
                        figures.get(i).add(value);
                    }
                    String key = rowKey.keyOf(values);
                    if (!sampled || inSample(key)) {
                        actual.add(hasher.hash(key, values, -1));
                    }
                }
            }
        }
        return rows;
    }

    /** Takes the expected rows of one record. */
    @FunctionalInterface
    private interface RowsHandler {
        void accept(long position, List<List<String>> rows);
    }

    private static void awaitQuietly(FutureTask<Long> task) {
        boolean interrupted = false;
        while (true) {
            try {
                task.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException | CancellationException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static long rowsRead(FutureTask<Long> task, String table) throws SQLException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PhaseFailure("interrupted while reading the rows of " + table);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private boolean inSample(String key) {
        int h = key.hashCode() * 0x9E3779B9;
        h ^= h >>> 16;
        return Math.floorMod(h, SAMPLE_BUCKETS) < settings.sampleRatio() * SAMPLE_BUCKETS;
    }

    /** The first differing rows field by field: the records read again, the rows read by key. */
    private List<RowDifference> fieldDifferences(TableSource plan, TargetTable table, List<TableColumn> columns,
                                                 RowKey rowKey, List<KeyedHash[]> samples) throws SQLException {
        if (samples.isEmpty()) {
            return List.of();
        }
        Map<String, KeyedHash> byKey = new HashMap<>();
        Set<Long> positions = new java.util.HashSet<>();
        samples.forEach(s -> {
            byKey.put(s[0].key(), s[0]);
            positions.add(s[0].position());
        });
        Map<String, List<String>> expected = new HashMap<>();
        Map<String, Map<String, String>> paths = new HashMap<>();
        JsonRecords.read(source, plan.collection(), (c, position, record) -> {
            if (positions.contains(position)) {
                for (Map<String, FieldValue> row : plan.rows().of(record, position)) {
                    List<String> values = expectedValues(row, columns);
                    String key = rowKey.keyOf(values);
                    if (byKey.containsKey(key)) {
                        expected.put(key, values);
                        Map<String, String> fieldPaths = new HashMap<>();
                        row.forEach((column, value) -> fieldPaths.put(column, value.path()));
                        paths.put(key, fieldPaths);
                    }
                }
            }
        });
        String select = "SELECT " + columns.stream().map(c -> ColumnValues.readExpression(c.type(), c.name()))
                .collect(Collectors.joining(", ")) + " FROM " + table.name().sql() + " WHERE "
                + rowKey.columns().stream().map(k -> Identifiers.quote(k) + " = CAST(? AS "
                        + columns.stream().filter(c -> c.name().equals(k)).findFirst().orElseThrow().type().sqlType()
                        + ")").collect(Collectors.joining(" AND "));
        List<RowDifference> differences = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(select)) {
            for (KeyedHash[] sample : samples) {
                long position = sample[0].position();
                List<String> want = expected.get(sample[0].key());
                List<String> keyValues = rowKey.values(sample[0].key());
                List<String> have = null;
                if (!rowKey.columns().isEmpty() && keyValues.size() == rowKey.columns().size()) {
                    for (int i = 0; i < keyValues.size(); i++) {
                        statement.setString(i + 1, keyValues.get(i));
                    }
                    try (ResultSet rs = statement.executeQuery()) {
                        if (rs.next()) {
                            have = new ArrayList<>();
                            for (int i = 0; i < columns.size(); i++) {
                                have.add(ColumnValues.stored(columns.get(i).type(), rs.getString(i + 1)));
                            }
                        }
                    }
                }
                List<FieldDifference> fields = new ArrayList<>();
                if (want != null && have != null) {
                    for (int i = 0; i < columns.size(); i++) {
                        if (!Objects.equals(want.get(i), have.get(i))) {
                            String column = columns.get(i).name();
                            fields.add(FieldDifference.of(column, paths.get(sample[0].key()).get(column), want.get(i),
                                    have.get(i)));
                        }
                    }
                }
                differences.add(new RowDifference(RowDifference.Kind.DIFFERENT, rowKey.display(sample[0].key()),
                        position, fields));
            }
        } catch (SQLException e) {
            throw new PhaseFailure("cannot read the differing rows of " + table.name() + ": " + e.getMessage());
        }
        return differences;
    }

    private static AggregateCheck compareFigures(TableColumn column, ColumnFigures expected, ColumnFigures actual,
                                                 String table) {
        List<String> problems = new ArrayList<>();
        String subject = "column " + column.name() + " of " + table;
        if (expected.nulls() != actual.nulls()) {
            problems.add(subject + ": " + expected.nulls() + " NULL(s) expected, " + actual.nulls() + " found");
        }
        if (!Objects.equals(expected.sum(), actual.sum())) {
            problems.add(subject + ": sum " + expected.sum() + " expected, " + actual.sum() + " found");
        }
        if (!Objects.equals(expected.min(), actual.min()) || !Objects.equals(expected.max(), actual.max())) {
            problems.add(subject + ": range " + expected.min() + " .. " + expected.max() + " expected, "
                    + actual.min() + " .. " + actual.max() + " found");
        }
        if (!Objects.equals(expected.textLength(), actual.textLength())) {
            problems.add(subject + ": total text length " + expected.textLength() + " expected, "
                    + actual.textLength() + " found");
        }
        return new AggregateCheck(column.name(), column.type().sqlType(), expected, actual, problems);
    }

    private static List<FiguresTally> tallies(List<TableColumn> columns) {
        return columns.stream().map(c -> new FiguresTally(ValueKind.of(c.type()))).toList();
    }
}
