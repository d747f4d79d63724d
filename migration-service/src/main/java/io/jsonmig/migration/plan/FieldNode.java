package io.jsonmig.migration.plan;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One field path of a collection as every record showed it: the kinds of value it held, the first
 * record that had it, and the fields found inside it when it held an object. Arrays are not
 * entered: they go whole to a column. Holds names, never values, so its size grows with the
 * distinct field paths, not with the records.
 */
public final class FieldNode {

    private final String name;
    private final Set<String> kinds = new LinkedHashSet<>();
    private long firstPosition = -1;
    private long firstValuePosition = -1;
    private final Map<String, FieldNode> fields = new LinkedHashMap<>();

    FieldNode(String name) {
        this.name = name;
    }

    /** The field's name within its object; empty for a collection's records themselves. */
    public String name() {
        return name;
    }

    /**
     * Kinds of value seen, in the order first seen: {@code object}, {@code array}, {@code string},
     * {@code number}, {@code boolean}, {@code null}.
     */
    public Set<String> kinds() {
        return kinds;
    }

    /** The 0-based position of the first record holding the field other than null (or as null, if never otherwise). */
    public long examplePosition() {
        return firstValuePosition >= 0 ? firstValuePosition : firstPosition;
    }

    public Collection<FieldNode> fields() {
        return fields.values();
    }

    public boolean holdsObjects() {
        return kinds.contains("object");
    }

    /** The kinds seen, null left out unless it was the only one: {@code string}, {@code object or boolean}. */
    public String describeKinds() {
        Set<String> shown = new LinkedHashSet<>(kinds);
        if (shown.size() > 1) {
            shown.remove("null");
        }
        return String.join(" or ", shown);
    }

    /** Adds an object's fields as one record holds them. */
    void addFields(JsonNode object, long position) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            fields.computeIfAbsent(field.getKey(), FieldNode::new).add(field.getValue(), position);
        }
    }

    private void add(JsonNode value, long position) {
        String kind = kind(value);
        kinds.add(kind);
        if (firstPosition < 0) {
            firstPosition = position;
        }
        if (firstValuePosition < 0 && !value.isNull()) {
            firstValuePosition = position;
        }
        if (value.isObject()) {
            addFields(value, position);
        }
    }

    private static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case OBJECT, POJO -> "object";
            case ARRAY -> "array";
            case STRING, BINARY -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case NULL, MISSING -> "null";
        };
    }
}
