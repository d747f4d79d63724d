package io.jsonmig.migration.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.function.Function;

/**
 * Writes a JSON array as a PostgreSQL array literal: {@code ["a", "b \"c\"", null]} →
 * {@code {"a","b \"c\"",NULL}}. Every element is quoted, so commas, braces, blanks and the word NULL
 * inside a string stay text; nested arrays become nested dimensions.
 */
public final class PgArrayLiteral {

    private PgArrayLiteral() {
    }

    /** Each element in its plain text form (objects as JSON text). */
    public static String of(JsonNode array) {
        return of(array, ValueText::of);
    }

    /** @param element the text of one element that is neither null nor an array, coerced to the element type */
    static String of(JsonNode array, Function<JsonNode, String> element) {
        StringBuilder out = new StringBuilder();
        append(out, array, "", element);
        return out.toString();
    }

    private static void append(StringBuilder out, JsonNode array, String index, Function<JsonNode, String> element) {
        out.append('{');
        for (int i = 0; i < array.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            JsonNode value = array.get(i);
            String at = index + "[" + i + "]";
            if (value.isNull()) {
                out.append("NULL");
            } else if (value.isArray()) {
                append(out, value, at, element);
            } else {
                try {
                    quote(out, element.apply(value));
                } catch (CoercionRefused refused) {
                    throw CoercionRefused.inElement(at, value, refused);
                }
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
