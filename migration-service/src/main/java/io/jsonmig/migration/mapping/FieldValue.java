package io.jsonmig.migration.mapping;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A value of a record on its way to a column.
 *
 * @param path the field path in the record, with dots for nesting, e.g. {@code address.geo.lat}
 */
public record FieldValue(String path, JsonNode value) {
}
