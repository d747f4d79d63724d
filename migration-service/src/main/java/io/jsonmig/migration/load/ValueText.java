package io.jsonmig.migration.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The text PostgreSQL receives for one JSON value. */
public final class ValueText {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

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

    /** Compact JSON text, non-ASCII characters as they are. */
    public static String json(JsonNode value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }
}
