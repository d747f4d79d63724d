package io.jsonmig.migration.reverse;

import io.jsonmig.mappingplan.value.ColumnValues;
import io.jsonmig.mappingplan.catalog.TableColumn;
import io.jsonmig.mappingplan.load.ValueOptions;
import io.jsonmig.mappingplan.mapping.ChildPlan;
import io.jsonmig.mappingplan.mapping.ChildRow;
import io.jsonmig.mappingplan.mapping.FieldValue;
import io.jsonmig.mappingplan.target.Identifiers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One child table of a reverse sync: a record's array is written back from the child rows of its
 * parent row, in position order, when they are no longer the rows its elements were loaded into. An
 * element keeps its own fields where its row did not change them, and takes its fields outside the
 * mapping from the extras column as the row holds it; an element the load quarantined stays where it was.
 */
final class ChildExport {

    /** A column of the elements: where it sits in an element, and a value of it for its JSON kind. */
    private record ElementField(String path, JsonNode sample, ValueOptions options) {
    }

    private final ChildPlan child;
    private final List<TableColumn> elementColumns;
    private final Map<String, ElementField> fields = new HashMap<>();

    ChildExport(ChildPlan child) {
        this.child = child;
        this.elementColumns = child.columns().stream()
                .filter(c -> !child.rows().mapping().parentKey().containsKey(c.name()))
                .filter(c -> child.rows().mapping().position().map(p -> !p.equals(c.name())).orElse(true))
                .toList();
    }

    String path() {
        return child.rows().mapping().path();
    }

    /** The child rows of the parent row {@code t}, as a JSON array of their column texts, in position order. */
    String selectExpression() {
        StringBuilder sql = new StringBuilder("(SELECT json_agg(json_build_array(")
                .append(child.rows().mapping().position().map(p -> "c." + Identifiers.quote(p)).orElse("NULL"));
        for (int i = 0; i < elementColumns.size(); i++) {
            sql.append(", ").append(ColumnValues.readExpression(elementColumns.get(i).type(), "c",
                    elementColumns.get(i).name()));
        }
        sql.append(") ORDER BY ").append(child.rows().mapping().position().map(p -> "c." + Identifiers.quote(p))
                .orElse("c.ctid")).append(") FROM ").append(child.table().name().sql()).append(" c WHERE ");
        boolean first = true;
        for (Map.Entry<String, String> key : child.rows().mapping().parentKey().entrySet()) {
            sql.append(first ? "" : " AND ").append("c.").append(Identifiers.quote(key.getKey())).append(" = t.")
                    .append(Identifiers.quote(key.getValue()));
            first = false;
        }
        return sql.append(")").toString();
    }

    /** Notes where the element columns live, from a record's elements. */
    void learn(List<ChildRow> rows) {
        if (fields.size() == elementColumns.size()) {
            return;
        }
        for (ChildRow row : rows) {
            if (row.refused() != null) {
                continue;
            }
            row.values().forEach((column, value) -> {
                ElementField known = fields.get(column);
                if (known == null || known.sample().isNull() && !value.value().isNull()) {
                    fields.put(column, new ElementField(relative(value.path(), row.element()), value.value(),
                            value.options()));
                }
            });
        }
    }

    /**
     * @param stored the parent row's child rows as {@link #selectExpression} gives them (null: none)
     * @return the record's array as the child rows hold it, or null when they are as loaded
     */
    JsonNode changedArray(ObjectNode record, List<ChildRow> loaded, JsonNode stored) {
        Map<Integer, JsonNode> byPosition = new java.util.TreeMap<>();
        boolean positioned = child.rows().mapping().position().isPresent();
        int sequence = 0;
        for (JsonNode row : stored == null || !stored.isArray() ? List.<JsonNode>of() : stored) {
            byPosition.put(positioned ? row.get(0).asInt() : sequence, row);
            sequence++;
        }
        Map<Integer, ChildRow> elements = new java.util.TreeMap<>();
        loaded.forEach(row -> elements.put(row.element(), row));
        boolean changed = false;
        for (ChildRow row : loaded) {
            JsonNode now = byPosition.get(row.element());
            changed |= now == null ? !quarantined(row) : row.refused() != null || !same(row, now);
        }
        for (Integer position : byPosition.keySet()) {
            changed |= !elements.containsKey(position);
        }
        if (!changed) {
            return null;
        }
        JsonNode before = RecordPatch.at(record, path());
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        java.util.SortedSet<Integer> positions = new java.util.TreeSet<>(elements.keySet());
        positions.addAll(byPosition.keySet());
        for (int position : positions) {
            ChildRow row = elements.get(position);
            JsonNode now = byPosition.get(position);
            JsonNode old = row == null || before == null || !before.isArray() ? null : before.get(position);
            if (now != null) {
                array.add(element(old, row == null || row.refused() != null ? null : row, now));
            } else if (row != null && quarantined(row)) {
                array.add(old); // quarantined, never in the table: kept where it was
            }
        }
        return array;
    }

    /** An element the load could not have written: refused by its mapping, or a value its column cannot hold. */
    private boolean quarantined(ChildRow row) {
        if (row.refused() != null) {
            return true;
        }
        for (TableColumn column : elementColumns) {
            FieldValue value = row.values().get(column.name());
            String expected = value == null ? null : ColumnValues.expected(column.type(), value.value(), value.options());
            if (expected != null && expected.startsWith("<")) {
                return true;
            }
        }
        return false;
    }

    /** The array of a record the application inserted; null when its row has no child rows. */
    JsonNode newArray(JsonNode stored) {
        if (stored == null || !stored.isArray() || stored.isEmpty()) {
            return null;
        }
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        stored.forEach(row -> array.add(element(null, null, row)));
        return array;
    }

    private boolean same(ChildRow row, JsonNode stored) {
        for (int c = 0; c < elementColumns.size(); c++) {
            TableColumn column = elementColumns.get(c);
            FieldValue value = row.values().get(column.name());
            String expected = value == null ? null : ColumnValues.expected(column.type(), value.value(), value.options());
            if (!Objects.equals(expected, ColumnValues.stored(column.type(), text(stored.get(c + 1))))) {
                return false;
            }
        }
        return true;
    }

    private JsonNode element(JsonNode before, ChildRow loaded, JsonNode stored) {
        if (child.rows().mapping().value().isPresent()) {
            TableColumn column = elementColumns.get(0);
            FieldValue value = loaded == null ? null : loaded.values().get(column.name());
            ElementField field = fields.get(column.name());
            JsonNode hint = before != null ? before : field == null ? null : field.sample();
            ValueOptions options = value != null ? value.options() : field == null ? ValueOptions.DEFAULTS
                    : field.options();
            return StoredValues.merged(before, StoredValues.toJson(column.type(), text(stored.get(1)), hint, options));
        }
        ObjectNode element = before instanceof ObjectNode object ? object.deepCopy()
                : JsonNodeFactory.instance.objectNode();
        for (int c = 0; c < elementColumns.size(); c++) {
            TableColumn column = elementColumns.get(c);
            FieldValue value = loaded == null ? null : loaded.values().get(column.name());
            String text = text(stored.get(c + 1));
            String expected = value == null ? null : ColumnValues.expected(column.type(), value.value(), value.options());
            if (before != null && Objects.equals(expected, ColumnValues.stored(column.type(), text))) {
                continue;
            }
            if (child.rows().mapping().extras().filter(column.name()::equals).isPresent()) {
                JsonNode now = StoredValues.toJson(column.type(), text, null, ValueOptions.DEFAULTS);
                RecordPatch.mergeExtras(element, value != null && value.value() instanceof ObjectNode old ? old
                        : JsonNodeFactory.instance.objectNode(), now instanceof ObjectNode fields ? fields
                        : JsonNodeFactory.instance.objectNode());
                continue;
            }
            ElementField field = fields.get(column.name());
            String path = value != null ? relative(value.path(), loaded.element())
                    : field == null ? column.name() : field.path();
            if (path.startsWith("(")) {
                continue;
            }
            JsonNode hint = value != null && !value.value().isNull() ? value.value() : field == null ? null : field.sample();
            JsonNode converted = StoredValues.toJson(column.type(), text, hint,
                    value != null ? value.options() : field == null ? ValueOptions.DEFAULTS : field.options());
            if (converted.isNull() && RecordPatch.at(element, path) == null) {
                continue;
            }
            RecordPatch.set(element, path, StoredValues.merged(RecordPatch.at(element, path), converted));
        }
        return element;
    }

    /** {@code comments[2].at} → {@code at}: the path inside the element. */
    private String relative(String path, int element) {
        String prefix = path() + "[" + element + "]";
        return path.length() > prefix.length() && path.startsWith(prefix + ".") ? path.substring(prefix.length() + 1)
                : path;
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? null : value.isTextual() ? value.textValue() : value.toString();
    }

    static List<ChildExport> of(List<ChildPlan> children) {
        List<ChildExport> exports = new ArrayList<>();
        children.forEach(c -> exports.add(new ChildExport(c)));
        return exports;
    }
}
