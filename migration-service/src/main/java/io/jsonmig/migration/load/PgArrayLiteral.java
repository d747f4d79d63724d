package io.jsonmig.migration.load;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Writes a JSON array as a PostgreSQL array literal: {@code ["a", "b \"c\"", null]} →
 * {@code {"a","b \"c\"",NULL}}. Every element is quoted, so commas, braces, blanks and the word NULL
 * inside a string stay text; nested arrays become nested dimensions; objects become their JSON text.
 */
public final class PgArrayLiteral {

    private PgArrayLiteral() {
    }

    public static String of(JsonNode array) {
        StringBuilder out = new StringBuilder();
        append(out, array);
        return out.toString();
    }

    private static void append(StringBuilder out, JsonNode array) {
        out.append('{');
        boolean first = true;
        for (JsonNode element : array) {
            if (!first) {
                out.append(',');
            }
            first = false;
            if (element.isNull()) {
                out.append("NULL");
            } else if (element.isArray()) {
                append(out, element);
            } else {
                quote(out, ValueText.of(element));
            }
        }
        out.append('}');
    }

    private static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }
}
