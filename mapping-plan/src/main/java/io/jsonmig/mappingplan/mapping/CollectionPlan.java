package io.jsonmig.mappingplan.mapping;

import io.jsonmig.mappingplan.catalog.TableColumn;
import io.jsonmig.mappingplan.catalog.TargetTable;

import java.util.List;
import java.util.Optional;

/**
 * How one collection is loaded.
 *
 * @param preExisting whether the table existed before the run (its rows, not the table, are the run's)
 * @param columns     the columns to write, when the mapping file names them; empty when they follow
 *                    from the records (no mapping file)
 * @param children    the child tables its records' arrays go to, loaded after its table
 */
public record CollectionPlan(String collection, TargetTable table, boolean preExisting, FieldResolver fields,
                             Optional<List<TableColumn>> columns, List<ChildPlan> children) {

    public CollectionPlan {
        children = List.copyOf(children);
    }

    /** A collection without child tables. */
    public CollectionPlan(String collection, TargetTable table, boolean preExisting, FieldResolver fields,
                          Optional<List<TableColumn>> columns) {
        this(collection, table, preExisting, fields, columns, List.of());
    }
}
