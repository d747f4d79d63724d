package io.jsonmig.mappingplan.mapping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One collection of a mapping plan.
 *
 * @param table    {@code table} or {@code schema.table}
 * @param key      a key column jsonmig generates, for records that have none
 * @param extras   the jsonb column receiving every field not mapped; without it such a field is an error
 * @param columns  field path (dots for nesting) → column, in the file's order
 * @param children array fields loaded into child tables, in the file's order
 */
public record CollectionMapping(String collection, String table, Optional<GeneratedKey> key, Optional<String> extras,
                                Map<String, ColumnMapping> columns, List<ChildMapping> children) {

    public CollectionMapping {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        children = List.copyOf(children);
    }

    /** A plain mapping of field paths to columns (the v1 form). */
    public static CollectionMapping of(String collection, String table, Map<String, String> columns) {
        Map<String, ColumnMapping> mapped = new LinkedHashMap<>();
        columns.forEach((path, column) -> mapped.put(path, ColumnMapping.of(column)));
        return new CollectionMapping(collection, table, Optional.empty(), Optional.empty(), mapped, List.of());
    }
}
