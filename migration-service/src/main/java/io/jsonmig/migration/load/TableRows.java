package io.jsonmig.migration.load;

import io.jsonmig.mappingplan.catalog.TargetTable;
import io.jsonmig.mappingplan.mapping.ChildPlan;
import io.jsonmig.mappingplan.mapping.ChildRow;
import io.jsonmig.mappingplan.mapping.CollectionPlan;
import io.jsonmig.mappingplan.mapping.FieldRoutes;
import io.jsonmig.mappingplan.mapping.FieldValue;
import io.jsonmig.mappingplan.mapping.UnmappableRecord;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one table load stages for each record of a collection: the collection's table takes one row
 * per record, a child table one row per element of the record's array (identified by the record's
 * position and the element's index).
 */
interface TableRows {

    /** The collection whose records are read. */
    String collection();

    /** Names the load's rejects (file, {@code _jsonmig_rejects}): the collection, or {@code posts.comments}. */
    String rejectsLabel();

    TargetTable table();

    boolean preExisting();

    List<StagedRow> of(ObjectNode record, long position);

    /** How a record's one row can be encoded straight from the parser; none for a child table's rows. */
    default Optional<FieldRoutes> routes() {
        return Optional.empty();
    }

    static TableRows of(CollectionPlan plan) {
        return new TableRows() {
            @Override
            public String collection() {
                return plan.collection();
            }

            @Override
            public String rejectsLabel() {
                return plan.collection();
            }

            @Override
            public TargetTable table() {
                return plan.table();
            }

            @Override
            public boolean preExisting() {
                return plan.preExisting();
            }

            @Override
            public Optional<FieldRoutes> routes() {
                return plan.fields().routes();
            }

            @Override
            public List<StagedRow> of(ObjectNode record, long position) {
                try {
                    return List.of(StagedRow.of(null, plan.fields().resolve(record, position)));
                } catch (UnmappableRecord e) {
                    return List.of(StagedRow.refused(null, e));
                }
            }
        };
    }

    static TableRows of(CollectionPlan parent, ChildPlan child) {
        String label = parent.collection() + "." + child.rows().mapping().path();
        return new TableRows() {
            @Override
            public String collection() {
                return parent.collection();
            }

            @Override
            public String rejectsLabel() {
                return label;
            }

            @Override
            public TargetTable table() {
                return child.table();
            }

            @Override
            public boolean preExisting() {
                return child.preExisting();
            }

            @Override
            public List<StagedRow> of(ObjectNode record, long position) {
                Map<String, FieldValue> parentValues;
                try {
                    parentValues = parent.fields().resolve(record, position);
                } catch (UnmappableRecord e) {
                    // the record is refused, with its reason, by its own table's load: it has no child rows
                    return List.of();
                }
                List<StagedRow> rows = new ArrayList<>();
                try {
                    for (ChildRow row : child.rows().resolve(record, parentValues)) {
                        rows.add(row.refused() == null ? StagedRow.of(row.element(), row.values())
                                : StagedRow.refused(row.element(), row.refused()));
                    }
                } catch (UnmappableRecord e) {
                    rows.add(StagedRow.refused(null, e));
                }
                return rows;
            }
        };
    }
}
