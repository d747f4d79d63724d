package io.jsonmig.migration.mapping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One collection of a mapping file.
 *
 * @param table   {@code table} or {@code schema.table}
 * @param columns field path (dots for nesting) → column, in the file's order
 */
public record CollectionMapping(String collection, String table, Map<String, String> columns) {

    public CollectionMapping {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }
}
