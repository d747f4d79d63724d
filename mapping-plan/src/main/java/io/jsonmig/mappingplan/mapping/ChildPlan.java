package io.jsonmig.mappingplan.mapping;

import io.jsonmig.mappingplan.catalog.TableColumn;
import io.jsonmig.mappingplan.catalog.TargetTable;

import java.util.List;

/**
 * How one child table is loaded, after its parent collection's table.
 *
 * @param preExisting whether the table existed before the run (its rows, not the table, are the run's)
 * @param columns     the columns written: parent key, position, then value or the element's columns and extras
 */
public record ChildPlan(TargetTable table, boolean preExisting, ChildResolver rows, List<TableColumn> columns) {

    public ChildPlan {
        columns = List.copyOf(columns);
    }
}
