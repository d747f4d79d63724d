package io.jsonmig.mappingplan.mapping;

import io.jsonmig.mappingplan.load.ValueOptions;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A value of a record on its way to a column.
 *
 * @param path    the field path in the record, with dots for nesting, e.g. {@code address.geo.lat}
 * @param options how the column reads values that cannot be told apart by looking at them
 */
public record FieldValue(String path, JsonNode value, ValueOptions options) {

    public FieldValue(String path, JsonNode value) {
        this(path, value, ValueOptions.DEFAULTS);
    }
}
