package io.jsonmig.mappingplan.mapping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An array field of a collection's records loaded into a table of its own, one row per element.
 *
 * @param path      the array's field path in the parent record
 * @param parentKey child column → parent table column whose value (of the parent record) it receives
 * @param position  the column receiving the element's 0-based index
 * @param value     for an array of scalars: the column receiving the element itself
 * @param extras    for an array of objects: the jsonb column receiving the element's unmapped fields
 * @param columns   for an array of objects: element field path → column
 */
public record ChildMapping(String path, String table, Map<String, String> parentKey, Optional<String> position,
                           Optional<String> value, Optional<String> extras, Map<String, ColumnMapping> columns) {

    public ChildMapping {
        parentKey = Collections.unmodifiableMap(new LinkedHashMap<>(parentKey));
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }
}
