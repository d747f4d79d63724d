package io.jsonmig.migration.load;

import io.jsonmig.mappingplan.mapping.FieldValue;
import io.jsonmig.mappingplan.mapping.UnmappableRecord;

import java.util.Map;

/**
 * One row a record gives a table, before encoding: its values by column, or why it cannot be mapped.
 *
 * @param element the element's index for a child table's row; {@code null} for a collection's row
 * @param refused set when the row cannot be mapped; {@code values} is then empty
 */
record StagedRow(Integer element, Map<String, FieldValue> values, UnmappableRecord refused) {

    static StagedRow of(Integer element, Map<String, FieldValue> values) {
        return new StagedRow(element, values, null);
    }

    static StagedRow refused(Integer element, UnmappableRecord reason) {
        return new StagedRow(element, Map.of(), reason);
    }
}
