package io.jsonmig.migration.reject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Iterator;
import java.util.Map;

/** A rejected record's JSON text, as read (for the file) and as jsonb can hold it (for the table). */
public final class RawRecords {

    private static final String NUL = "\u0000";
    /** The six characters {@code \u0000}: the NUL's escape as text. */
    private static final String NUL_AS_TEXT = "\\u0000";

    private RawRecords() {
    }

    /** Jackson escapes U+0000 in its output, so the text itself never holds the character. */
    public static String exact(JsonNode record) {
        return record.toString();
    }

    /**
     * The record with every U+0000 in names and strings replaced by the text {@code \u0000}, which
     * jsonb accepts; {@code null} when the record holds none (then the exact text will do).
     */
    public static String forJsonb(JsonNode record, String exact) {
        return exact.contains("u0000") && containsNul(record) ? withoutNul(record).toString() : null;
    }

    private static boolean containsNul(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().contains(NUL);
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().contains(NUL) || containsNul(field.getValue())) {
                    return true;
                }
            }
            return false;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (containsNul(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static JsonNode withoutNul(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(node.textValue().replace(NUL, NUL_AS_TEXT));
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(f -> copy.set(f.getKey().replace(NUL, NUL_AS_TEXT), withoutNul(f.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(withoutNul(element)));
            return copy;
        }
        return node;
    }
}
