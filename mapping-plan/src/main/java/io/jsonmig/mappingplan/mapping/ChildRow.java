package io.jsonmig.mappingplan.mapping;

import java.util.Map;

/**
 * One row of a child table: an element of a parent record's array.
 *
 * @param element the element's 0-based index in the array
 * @param values  the row's values by column name; their paths name the element ({@code comments[2].at})
 * @param refused why the element cannot be mapped (naming its path); {@code null} when it can, and
 *                {@code values} is then empty
 */
public record ChildRow(int element, Map<String, FieldValue> values, UnmappableRecord refused) {
}
