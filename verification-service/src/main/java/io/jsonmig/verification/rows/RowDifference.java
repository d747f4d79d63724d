package io.jsonmig.verification.rows;

import java.util.List;

/**
 * A row that is not as the snapshot says.
 *
 * @param key      the key as people read it ({@code id=7}, {@code (a=1, b=x)})
 * @param position the record's 0-based position in its collection; {@code null} for a row only the table has
 * @param fields   for {@link Kind#DIFFERENT}: the columns that differ (only for the first differences of a table)
 */
public record RowDifference(Kind kind, String key, Long position, List<FieldDifference> fields) {

    public enum Kind {
        /** in the snapshot, not in the table */
        MISSING,
        /** in the table, not in the snapshot */
        EXTRA,
        /** in both, with other values */
        DIFFERENT,
        /** a key the table holds more than once */
        DUPLICATE_IN_TABLE,
        /** a key more than one record of the snapshot holds (none was rejected) */
        DUPLICATE_IN_SNAPSHOT
    }

    public RowDifference {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /** One line naming the row and the columns, never their values (it goes into events). */
    public String describe(String table) {
        return switch (kind) {
            case MISSING -> "row " + key + (position == null ? "" : " (record " + position + ")")
                    + " is missing from " + table;
            case EXTRA -> "row " + key + " of " + table + " is not in the snapshot";
            case DIFFERENT -> "row " + key + " of " + table + " differs"
                    + (fields.isEmpty() ? "" : " in " + String.join(", ", fields.stream()
                    .map(FieldDifference::column).toList()));
            case DUPLICATE_IN_TABLE -> "key " + key + " is held by more than one row of " + table;
            case DUPLICATE_IN_SNAPSHOT -> "key " + key + " is held by more than one record of the snapshot"
                    + (position == null ? "" : " (record " + position + ")");
        };
    }
}
