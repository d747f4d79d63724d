package io.jsonmig.migration.reverse;

import io.jsonmig.mappingplan.value.ColumnValues;
import io.jsonmig.mappingplan.value.ValueKind;
import io.jsonmig.mappingplan.catalog.TableColumn;
import io.jsonmig.mappingplan.load.ValueOptions;
import io.jsonmig.mappingplan.mapping.FieldValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Carries a row back into its record. A column whose value PostgreSQL still holds as loaded (equal in
 * the verification's canonical form) leaves its field alone; a changed one is written at the field's
 * path in the JSON kind the field had. Everything else of the record — fields the mapping did not
 * load, absent keys, key order — stays as the snapshot has it.
 */
final class RecordPatch {

    /** Where a column's values live in the collection's records, and one of them for its JSON kind. */
    record Field(String path, JsonNode sample, ValueOptions options) {
        boolean generated() {
            return path.startsWith("(key ");
        }

        boolean extras() {
            return path.startsWith("(extras ");
        }
    }

    private final List<TableColumn> columns;
    private final Map<String, Field> fields;

    /**
     * @param columns the columns the collection's records were loaded into, in the table's order
     * @param fields  by column: its path and sample, from the records that have it
     */
    RecordPatch(List<TableColumn> columns, Map<String, Field> fields) {
        this.columns = List.copyOf(columns);
        this.fields = Map.copyOf(fields);
    }

    /**
     * @param resolved the record's values by column, as the load resolved them
     * @param row      the row's column texts ({@code ColumnValues.readExpression}), null for SQL NULL
     * @return the record as PostgreSQL holds it now; empty when the row is as loaded
     */
    Optional<ObjectNode> apply(ObjectNode record, Map<String, FieldValue> resolved, Map<String, String> row) {
        ObjectNode patched = null;
        for (TableColumn column : columns) {
            FieldValue loaded = resolved.get(column.name());
            String stored = row.get(column.name());
            String expected = loaded == null ? null
                    : ColumnValues.expected(column.type(), loaded.value(), loaded.options());
            if (Objects.equals(expected, ColumnValues.stored(column.type(), stored))) {
                continue;
            }
            Field field = fields.get(column.name());
            String path = loaded != null ? loaded.path() : field == null ? column.name() : field.path();
            if (path.startsWith("(key ") || path.startsWith("(parent ")) {
                continue; // not a field of the record: a new key makes the row another record
            }
            if (patched == null) {
                patched = record.deepCopy();
            }
            JsonNode hint = loaded != null && !loaded.value().isNull() ? loaded.value()
                    : field == null ? null : field.sample();
            ValueOptions options = loaded != null ? loaded.options() : field == null ? ValueOptions.DEFAULTS
                    : field.options();
            JsonNode value = StoredValues.toJson(column.type(), stored, hint, options);
            if (path.startsWith("(extras ")) {
                mergeExtras(patched, loaded == null || !loaded.value().isObject() ? JsonNodeFactory.instance.objectNode()
                        : (ObjectNode) loaded.value(), value.isObject() ? (ObjectNode) value
                        : JsonNodeFactory.instance.objectNode());
            } else {
                set(patched, path, StoredValues.merged(at(record, path), value));
            }
        }
        return Optional.ofNullable(patched);
    }

    /**
     * A row the application inserted, as a record of the collection: its fields in the order of
     * {@code reference}'s (a record of the same collection), the others after them.
     */
    ObjectNode create(Map<String, String> row, ObjectNode reference) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        List<TableColumn> extras = new ArrayList<>();
        for (TableColumn column : columns) {
            Field field = fields.get(column.name());
            if (field == null || field.generated()) {
                continue;
            }
            if (field.extras()) {
                extras.add(column);
                continue;
            }
            String stored = row.get(column.name());
            if (stored == null && (reference == null || at(reference, field.path()) == null)) {
                continue; // a field the collection's records leave out when empty
            }
            set(record, field.path(), StoredValues.toJson(column.type(), stored, newRecordHint(column, field.sample()),
                    field.options()));
        }
        for (TableColumn column : extras) {
            JsonNode value = StoredValues.toJson(column.type(), row.get(column.name()), null, ValueOptions.DEFAULTS);
            if (value.isObject()) {
                mergeExtras(record, JsonNodeFactory.instance.objectNode(), (ObjectNode) value);
            }
        }
        return reference == null ? record : (ObjectNode) ordered(reference, record);
    }

    /**
     * The JSON kind a new record's value takes: the collection's, except that a date-time written as a
     * string is written as JavaScript's {@code toISOString()} writes a new one, not in the offset some
     * other record happened to have.
     */
    private static JsonNode newRecordHint(TableColumn column, JsonNode sample) {
        ValueKind kind = ValueKind.of(column.type());
        if (sample != null && sample.isTextual() && (kind == ValueKind.TIMESTAMPTZ || kind == ValueKind.TIMESTAMP)) {
            return TextNode.valueOf(kind == ValueKind.TIMESTAMPTZ ? "1970-01-01T00:00:00.000Z" : "1970-01-01T00:00:00.000");
        }
        return sample;
    }

    /** {@code value}'s fields in {@code order}'s key order where it has them, recursively. */
    private static JsonNode ordered(JsonNode order, JsonNode value) {
        if (!(order instanceof ObjectNode keys) || !(value instanceof ObjectNode fields)) {
            return value;
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        for (Iterator<String> it = keys.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (fields.has(name)) {
                result.set(name, ordered(keys.get(name), fields.get(name)));
            }
        }
        fields.properties().forEach(f -> {
            if (!result.has(f.getKey())) {
                result.set(f.getKey(), f.getValue());
            }
        });
        return result;
    }

    /**
     * The extras column holds the fields no column took, nested as in the record; the record's own
     * objects may mix them with mapped fields, so they are merged, not replaced.
     */
    static void mergeExtras(ObjectNode record, ObjectNode before, ObjectNode now) {
        for (Iterator<Map.Entry<String, JsonNode>> it = now.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode current = record.get(field.getKey());
            JsonNode old = before.get(field.getKey());
            if (field.getValue() instanceof ObjectNode inner && current instanceof ObjectNode here
                    && old instanceof ObjectNode oldInner && !here.equals(oldInner)) {
                mergeExtras(here, oldInner, inner);
            } else {
                record.set(field.getKey(), StoredValues.merged(current, field.getValue()));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = before.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (now.has(field.getKey())) {
                continue;
            }
            JsonNode current = record.get(field.getKey());
            if (current instanceof ObjectNode here && field.getValue() instanceof ObjectNode oldInner
                    && !here.equals(oldInner)) {
                mergeExtras(here, oldInner, JsonNodeFactory.instance.objectNode());
            } else {
                record.remove(field.getKey());
            }
        }
    }

    /** The value at a dotted path, or null. */
    static JsonNode at(JsonNode record, String path) {
        JsonNode node = record;
        for (String name : path.split("\\.")) {
            node = node == null || !node.isObject() ? null : node.get(name);
        }
        return node;
    }

    static void set(ObjectNode record, String path, JsonNode value) {
        String[] names = path.split("\\.");
        ObjectNode parent = record;
        for (int i = 0; i < names.length - 1; i++) {
            JsonNode next = parent.get(names[i]);
            ObjectNode object;
            if (next instanceof ObjectNode existing) {
                object = existing;
            } else {
                if (value.isNull() && (next == null || next.isNull())) {
                    return; // a field set to NULL inside an object the record does not have: nothing to write
                }
                object = JsonNodeFactory.instance.objectNode();
                parent.set(names[i], object);
            }
            parent = object;
        }
        if (value.isNull() && !parent.has(names[names.length - 1])) {
            return; // absent in the source, NULL in the table: it stays absent
        }
        parent.set(names[names.length - 1], value == null ? NullNode.instance : value);
    }
}
