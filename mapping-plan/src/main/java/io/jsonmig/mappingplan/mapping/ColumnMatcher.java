package io.jsonmig.mappingplan.mapping;

import io.jsonmig.mappingplan.catalog.TargetTable;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The name rules that fit a field to a table's columns when no mapping file says otherwise: a field
 * goes to the column of the same name or its snake_case form ({@code createdAt} → {@code created_at});
 * an object's fields go to columns named {@code <field>_<inner>} when the table has such columns.
 * Shared by the load without a mapping file ({@link InferredFieldResolver}) and the inferred plan.
 */
public final class ColumnMatcher {

    private final TargetTable table;

    public ColumnMatcher(TargetTable table) {
        this.table = table;
    }

    public TargetTable table() {
        return table;
    }

    /** The column names a field may have, under the prefix of the objects around it ({@code address_geo_}). */
    public List<String> candidates(String columnPrefix, String fieldName) {
        Set<String> candidates = new LinkedHashSet<>();
        candidates.add(columnPrefix + fieldName);
        candidates.add(columnPrefix + Names.snakeCase(fieldName));
        return new ArrayList<>(candidates);
    }

    /** The writable column that takes the field whole. */
    public Optional<String> whole(List<String> candidates) {
        return candidates.stream().filter(c -> table.column(c).filter(col -> !col.generated()).isPresent()).findFirst();
    }

    /** The prefix under which an object's fields are flattened into columns ({@code address_geo}), if any. */
    public Optional<String> flattened(List<String> candidates) {
        return candidates.stream().filter(c -> table.hasColumnStartingWith(c + "_")).findFirst();
    }
}
