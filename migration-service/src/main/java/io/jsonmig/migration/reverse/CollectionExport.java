package io.jsonmig.migration.reverse;

import io.jsonmig.events.payload.CollectionSync;
import io.jsonmig.mappingplan.value.ColumnValues;
import io.jsonmig.mappingplan.catalog.TableColumn;
import io.jsonmig.mappingplan.mapping.CollectionPlan;
import io.jsonmig.mappingplan.mapping.FieldValue;
import io.jsonmig.mappingplan.mapping.UnmappableRecord;
import io.jsonmig.mappingplan.target.Identifiers;
import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.source.JsonRecords;
import io.jsonmig.support.source.RecordRanges;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One collection of a reverse sync, in two passes over the cut-over snapshot. The first notes each
 * record's key and position in a temporary table; PostgreSQL then joins it with the fenced table and
 * hands the rows back in the records' order, the rows nobody loaded (inserted since) last in key
 * order. The second copies the collection through: a record whose row is as loaded keeps its bytes, a
 * changed one is patched, a deleted one is left out, the inserted ones follow, and the records the
 * load quarantined come back as they were.
 */
final class CollectionExport {

    private static final int COPY_CHUNK = 1024 * 1024;
    private static final String POSITION = "_jsonmig_position";

    private final CollectionPlan plan;
    private final List<ChildExport> children;
    private final List<TableColumn> keys;
    private final Set<Long> rejected;
    private final String keysTable;
    private final BitSet keptAsIs = new BitSet();
    private final Set<String> loadedColumns = new LinkedHashSet<>();
    private final Map<String, RecordPatch.Field> fields = new LinkedHashMap<>();
    private final Map<String, Set<Long>> childRejects = new LinkedHashMap<>();
    private final Map<String, List<Long>> rejectPositions = new LinkedHashMap<>();
    private ObjectNode reference;
    private CopyIn copy;
    private boolean keysRead;
    private final ByteArrayOutputStream copyBuffer = new ByteArrayOutputStream();
    private long unchanged;
    private long updated;
    private long inserted;
    private long deleted;

    /**
     * @param keys     the table's primary key columns: they match a record with its row
     * @param rejects  the positions of the records (or elements) the load quarantined, by reject name
     * @param index    a number for the temporary table, unique within the export
     */
    CollectionExport(CollectionPlan plan, List<TableColumn> keys, Map<String, Set<Long>> rejects, int index) {
        if (keys.isEmpty()) {
            throw new PhaseFailure("table " + plan.table().name() + " of collection '" + plan.collection()
                    + "' has no primary key: its rows cannot be matched with the records they came from");
        }
        this.plan = plan;
        this.children = ChildExport.of(plan.children());
        this.keys = List.copyOf(keys);
        this.rejected = Set.copyOf(rejects.getOrDefault(plan.collection(), Set.of()));
        plan.children().forEach(child -> {
            String name = plan.collection() + "." + child.rows().mapping().path();
            childRejects.put(name, Set.copyOf(rejects.getOrDefault(name, Set.of())));
        });
        this.keysTable = "pg_temp." + Identifiers.quote("_jsonmig_reverse_keys_" + index);
        plan.columns().ifPresent(columns -> columns.forEach(c -> loadedColumns.add(c.name())));
    }

    String collection() {
        return plan.collection();
    }

    // ---- pass 1: the records' keys ------------------------------------------------------------

    void beginKeys(Connection connection) throws SQLException {
        StringBuilder create = new StringBuilder("CREATE TEMP TABLE ").append(keysTable).append(" (")
                .append(POSITION).append(" bigint NOT NULL");
        for (int i = 0; i < keys.size(); i++) {
            create.append(", ").append(keyColumn(i)).append(" text");
        }
        try (Statement s = connection.createStatement()) {
            s.execute(create.append(") ON COMMIT DROP").toString());
        }
        copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + keysTable + " FROM STDIN");
    }

    /** A record of the cut-over snapshot, in file order. */
    void addRecord(long position, ObjectNode record) throws SQLException {
        if (rejected.contains(position)) {
            keptAsIs.set(Math.toIntExact(position));
            return;
        }
        Map<String, FieldValue> resolved;
        try {
            resolved = plan.fields().resolve(record, position);
        } catch (UnmappableRecord neverLoaded) {
            keptAsIs.set(Math.toIntExact(position));
            return;
        }
        StringBuilder line = new StringBuilder().append(position);
        for (TableColumn key : keys) {
            FieldValue value = resolved.get(key.name());
            String text = value == null ? null : ColumnValues.expected(key.type(), value.value(), value.options());
            if (text == null) {
                keptAsIs.set(Math.toIntExact(position)); // no key: the load could not have written it
                return;
            }
            line.append('\t').append(copyText(text));
        }
        learn(record, resolved);
        copyBuffer.writeBytes(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
        if (copyBuffer.size() >= COPY_CHUNK) {
            flushKeys();
        }
    }

    boolean keysRead() {
        return keysRead;
    }

    void endKeys(Connection connection) throws SQLException {
        flushKeys();
        copy.endCopy();
        copy = null;
        keysRead = true;
        try (Statement s = connection.createStatement()) {
            s.execute("ANALYZE " + keysTable);
        }
    }

    private void flushKeys() throws SQLException {
        if (copyBuffer.size() > 0) {
            copy.writeToCopy(copyBuffer.toByteArray(), 0, copyBuffer.size());
            copyBuffer.reset();
        }
    }

    private void learn(ObjectNode record, Map<String, FieldValue> resolved) {
        if (reference == null) {
            reference = record;
        }
        for (int i = 0; i < children.size(); i++) {
            try {
                children.get(i).learn(plan.children().get(i).rows().resolve(record, resolved));
            } catch (UnmappableRecord notAnArray) {
                // the load quarantined its elements; nothing to learn from them
            }
        }
        resolved.forEach((column, value) -> {
            loadedColumns.add(column);
            RecordPatch.Field known = fields.get(column);
            if (known == null || (known.sample() == null || known.sample().isNull()) && !value.value().isNull()) {
                fields.put(column, new RecordPatch.Field(value.path(), value.value(), value.options()));
            }
        });
    }

    // ---- pass 2: the collection written back ------------------------------------------------

    /**
     * Copies the collection from {@code in} to {@code out} with PostgreSQL's rows carried in. The
     * cursor stands at the array's first byte inside its bracket (at the file's start for NDJSON).
     *
     * @param recordDepth how deep a record sits in its file (2 in a db.json, 1 in an array file, 0 in NDJSON)
     */
    void writeBack(Connection connection, RecordRanges.Collection ranges, ByteCursor in, OutputStream out,
                   int recordDepth, boolean ndjson) throws IOException, SQLException {
        List<TableColumn> columns = plan.table().columns().stream().filter(c -> loadedColumns.contains(c.name())
                || keys.contains(c)).toList();
        RecordPatch patch = new RecordPatch(columns, fields);
        Splice splice = new Splice(out, ndjson);
        try (PreparedStatement query = connection.prepareStatement(rowsInRecordOrder(columns))) {
            query.setFetchSize(2000);
            try (ResultSet rows = query.executeQuery()) {
                boolean more = rows.next();
                int n = ranges.records();
                if (n == 0) {
                    splice.empty(in.take(ranges.close()));
                }
                for (int i = 0; i < n; i++) {
                    byte[] before = in.take(ranges.starts()[i]);
                    byte[] bytes = in.take(ranges.ends()[i]);
                    splice.separator(before, i == 0);
                    if (keptAsIs.get(i)) {
                        noteRejects(i, splice.emitted());
                        splice.emit(bytes);
                        continue;
                    }
                    if (!more || rows.getLong(1) != i || rows.wasNull()) {
                        throw new PhaseFailure("record " + i + " of collection '" + plan.collection()
                                + "' has no place in the rows read back from " + plan.table().name());
                    }
                    if (gone(rows, columns.size())) {
                        deleted++;
                    } else {
                        ObjectNode record = JsonRecords.record(bytes);
                        Map<String, FieldValue> resolved = plan.fields().resolve(record, i);
                        Optional<ObjectNode> changed = withChildren(record, resolved,
                                patch.apply(record, resolved, values(rows, columns)), rows, columns.size());
                        noteRejects(i, splice.emitted());
                        if (changed.isEmpty()) {
                            unchanged++;
                            splice.emit(bytes);
                        } else {
                            updated++;
                            splice.emit(JsonStyle.of(bytes, splice.lastSeparator()).bytes(changed.get()));
                        }
                    }
                    more = rows.next();
                }
                byte[] after = n == 0 ? new byte[0] : in.take(ranges.close());
                JsonStyle style = n == 0 ? (ndjson ? new JsonStyle(false, "", "", "\n", ":", ",")
                        : JsonStyle.lowdb(recordDepth)) : splice.lastStyle();
                for (; more; more = rows.next()) {
                    rows.getLong(1);
                    if (!rows.wasNull()) {
                        throw new PhaseFailure("a row of " + plan.table().name() + " read back out of order");
                    }
                    inserted++;
                    ObjectNode created = patch.create(values(rows, columns), reference);
                    for (int k = 0; k < children.size(); k++) {
                        JsonNode array = children.get(k).newArray(childRows(rows, columns.size(), k));
                        if (array != null) {
                            RecordPatch.set(created, children.get(k).path(), array);
                        }
                    }
                    splice.insert(style.bytes(created), recordDepth);
                }
                splice.finish(after, recordDepth);
            }
        }
    }

    /** The record with its arrays written back from the child rows, where they changed. */
    private Optional<ObjectNode> withChildren(ObjectNode record, Map<String, FieldValue> resolved,
                                              Optional<ObjectNode> patched, ResultSet rows, int columns)
            throws SQLException, IOException {
        ObjectNode result = patched.orElse(null);
        for (int k = 0; k < children.size(); k++) {
            JsonNode array = children.get(k).changedArray(record, plan.children().get(k).rows().resolve(record, resolved),
                    childRows(rows, columns, k));
            if (array != null) {
                if (result == null) {
                    result = record.deepCopy();
                }
                RecordPatch.set(result, children.get(k).path(), array);
            }
        }
        return Optional.ofNullable(result);
    }

    private static JsonNode childRows(ResultSet rows, int columns, int child) throws SQLException, IOException {
        String json = rows.getString(columns + 2 + child);
        return json == null ? null : StoredValues.MAPPER.readTree(json);
    }

    /** Record {@code position} of the snapshot is written at {@code exported}: so are its rejects. */
    private void noteRejects(long position, long exported) {
        if (rejected.contains(position)) {
            rejectPositions.computeIfAbsent(plan.collection(), n -> new ArrayList<>()).add(exported);
        }
        childRejects.forEach((name, positions) -> {
            if (positions.contains(position)) {
                rejectPositions.computeIfAbsent(name, n -> new ArrayList<>()).add(exported);
            }
        });
    }

    CollectionSync figures() {
        return new CollectionSync(plan.collection(), plan.table().name().toString(), unchanged, updated, inserted,
                deleted, rejectPositions.getOrDefault(plan.collection(), List.of()).size());
    }

    /** Where the records (and elements) the load quarantined stand in the export, by reject name. */
    Map<String, List<Long>> rejectPositions() {
        return rejectPositions;
    }

    long exportedRecords() {
        return unchanged + updated + inserted + keptAsIs.cardinality();
    }

    private String rowsInRecordOrder(List<TableColumn> columns) {
        StringBuilder sql = new StringBuilder("SELECT k.").append(POSITION);
        for (TableColumn column : columns) {
            sql.append(", ").append(ColumnValues.readExpression(column.type(), "t", column.name()));
        }
        children.forEach(child -> sql.append(", ").append(child.selectExpression()));
        sql.append(", t.").append(Identifiers.quote(keys.get(0).name())).append(" IS NULL");
        sql.append(" FROM ").append(keysTable).append(" k FULL JOIN ").append(plan.table().name().sql()).append(" t ON ");
        for (int i = 0; i < keys.size(); i++) {
            sql.append(i == 0 ? "" : " AND ").append("k.").append(keyColumn(i)).append(" = ")
                    .append(ColumnValues.readExpression(keys.get(i).type(), "t", keys.get(i).name()));
        }
        sql.append(" ORDER BY k.").append(POSITION).append(" NULLS LAST");
        for (TableColumn key : keys) {
            sql.append(", t.").append(Identifiers.quote(key.name()));
        }
        return sql.toString();
    }

    private boolean gone(ResultSet rows, int columns) throws SQLException {
        return rows.getBoolean(columns + children.size() + 2);
    }

    private static Map<String, String> values(ResultSet rows, List<TableColumn> columns) throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            values.put(columns.get(i).name(), rows.getString(i + 2));
        }
        return values;
    }

    private static String keyColumn(int i) {
        return "_jsonmig_key_" + i;
    }

    /** COPY's text format: backslash, tab and line breaks escaped. */
    private static String copyText(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
