package io.jsonmig.verification.check;

import io.jsonmig.mappingplan.catalog.TableColumn;
import io.jsonmig.mappingplan.catalog.TargetTable;
import io.jsonmig.mappingplan.mapping.ChildPlan;
import io.jsonmig.mappingplan.mapping.ChildRow;
import io.jsonmig.mappingplan.mapping.CollectionPlan;
import io.jsonmig.mappingplan.mapping.FieldRoutes;
import io.jsonmig.mappingplan.mapping.FieldValue;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table and the rows the snapshot's records give it, resolved by the run's mapping plan: one per
 * record for a collection's table, one per array element for a child table.
 *
 * @param name    the collection, or {@code <collection>.<path>} for a child table (as rejects name it)
 * @param columns the columns the load writes; empty when they follow from the records (no mapping file)
 * @param routes  the plan's field routes by path, when the records' values can be read without their trees
 */
public record TableSource(String collection, String name, TargetTable table, Optional<List<TableColumn>> columns,
                          RowsOf rows, boolean child, Optional<FieldRoutes> routes) {

    /** The rows of one record, each its values by column. */
    @FunctionalInterface
    public interface RowsOf {
        List<Map<String, FieldValue>> of(ObjectNode record, long position);
    }

    public static TableSource of(CollectionPlan plan) {
        return new TableSource(plan.collection(), plan.collection(), plan.table(), plan.columns(),
                (record, position) -> List.of(plan.fields().resolve(record, position)), false, plan.fields().routes());
    }

    /** Elements the load refused are left out: they are quarantined (and named in the rejects). */
    public static TableSource child(CollectionPlan plan, ChildPlan child) {
        return new TableSource(plan.collection(), plan.collection() + "." + child.rows().mapping().path(),
                child.table(), Optional.of(child.columns()),
                (record, position) -> child.rows().resolve(record, plan.fields().resolve(record, position)).stream()
                        .filter(row -> row.refused() == null).map(ChildRow::values).toList(), true, Optional.empty());
    }
}
