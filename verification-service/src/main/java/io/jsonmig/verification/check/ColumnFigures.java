package io.jsonmig.verification.check;

/**
 * Figures of one column over a table: NULLs, the exact sum (integer and numeric columns), the least and
 * greatest value (numbers, date-times), the total length in characters (text columns). {@code null}
 * where a figure does not apply. Values are canonical texts.
 */
public record ColumnFigures(long nulls, String sum, String min, String max, Long textLength) {
}
