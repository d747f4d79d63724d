package io.jsonmig.mappingplan.mapping;

import io.jsonmig.mappingplan.load.ValueOptions;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * Where one field path goes: its column, the value used when the field is missing or null, and how
 * to read values that cannot be told apart by looking at them (epoch unit, binary encoding).
 */
public record ColumnMapping(String column, Optional<JsonNode> defaultValue, ValueOptions options) {

    public static ColumnMapping of(String column) {
        return new ColumnMapping(column, Optional.empty(), ValueOptions.DEFAULTS);
    }
}
