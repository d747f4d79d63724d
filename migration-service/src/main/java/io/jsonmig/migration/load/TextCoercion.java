package io.jsonmig.migration.load;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Text for character columns: a string as it is, a number or boolean in its JSON text. The length of
 * {@code varchar(n)}/{@code char(n)} is checked here, in characters as PostgreSQL counts them (code
 * points), because PostgreSQL's own error names no record.
 */
final class TextCoercion {

    private static final int TYPMOD_OFFSET = 4;

    private TextCoercion() {
    }

    /** @param typmod the column's modifier: the maximum length + 4, or -1 for no limit */
    static String of(JsonNode value, int typmod) {
        String text = ValueText.of(value);
        if (typmod >= TYPMOD_OFFSET) {
            int limit = typmod - TYPMOD_OFFSET;
            int length = text.codePointCount(0, text.length());
            if (length > limit) {
                throw new CoercionRefused("is " + length + " characters long, over the column's limit of " + limit);
            }
        }
        return text;
    }
}
