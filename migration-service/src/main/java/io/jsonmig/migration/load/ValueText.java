package io.jsonmig.migration.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.Map;

/** The text PostgreSQL receives for one JSON value. */
public final class ValueText {

    /**
     * Deepest JSON written back for json/jsonb columns; the same as Jackson's default reading limit
     * (StreamReadConstraints.maxNestingDepth), so whatever the snapshot reader accepts is written.
     */
    public static final int MAX_NESTING_DEPTH = 1000;

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                    .build())
            .build();

    private ValueText() {
    }

    /**
     * A string as it is, a number as its exact decimal (never through a double), a boolean as
     * {@code true}/{@code false}, an object or array as compact JSON text.
     */
    public static String of(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBigDecimal()) {
            return value.decimalValue().toString();
        }
        if (value.isNumber() || value.isBoolean()) {
            return value.asText();
        }
        return json(value);
    }

    /** Compact JSON text, non-ASCII characters as they are, object keys in the record's order. */
    public static String json(JsonNode value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    /**
     * Whether a string or key anywhere in the value holds U+0000: JSON text escapes it
     * ({@code \u0000}), which jsonb refuses.
     */
    static boolean containsNul(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue().indexOf('\0') >= 0;
        }
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                if (field.getKey().indexOf('\0') >= 0 || containsNul(field.getValue())) {
                    return true;
                }
            }
            return false;
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (containsNul(element)) {
                    return true;
                }
            }
        }
        return false;
    }
}
