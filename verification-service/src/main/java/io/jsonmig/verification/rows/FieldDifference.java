package io.jsonmig.verification.rows;

/**
 * One column of a row that differs: what the snapshot's record says it should hold and what it holds,
 * both in canonical form (cut to {@link #MAX_SHOWN} characters), {@code null} for NULL.
 */
public record FieldDifference(String column, String field, String expected, String actual) {

    public static final int MAX_SHOWN = 200;

    public static FieldDifference of(String column, String field, String expected, String actual) {
        return new FieldDifference(column, field, shown(expected), shown(actual));
    }

    private static String shown(String value) {
        if (value == null || value.codePointCount(0, value.length()) <= MAX_SHOWN) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, MAX_SHOWN)) + "…";
    }
}
