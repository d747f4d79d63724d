package io.jsonmig.migration.reverse;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a collection's records are written, read off one of them: indented like lowdb's
 * {@code JSON.stringify(data, null, 2)} (unit and line end as found) or on one line (with or without a
 * space after {@code :} and {@code ,}). A record written in it sits in its file like its neighbours.
 *
 * @param base the indentation of the line the record starts on
 */
record JsonStyle(boolean pretty, String base, String unit, String newline, String colon, String comma) {

    private static final Pattern FIRST_KEY = Pattern.compile("^\\{\\s*\"(?:[^\"\\\\]|\\\\.)*\"(\\s*):(\\s*)");
    private static final Pattern COMMA = Pattern.compile(",(\\s*)\"");

    /** lowdb's style for a record at {@code depth}: two spaces per level. */
    static JsonStyle lowdb(int depth) {
        return new JsonStyle(true, "  ".repeat(depth), "  ", "\n", ": ", ",");
    }

    /**
     * @param record the record's bytes as its file holds them
     * @param before the bytes before it in its file (its separator), for the indentation of its line
     */
    static JsonStyle of(byte[] record, byte[] before) {
        String text = new String(record, StandardCharsets.UTF_8);
        String base = indentation(new String(before, StandardCharsets.UTF_8));
        Matcher key = FIRST_KEY.matcher(text);
        String colon = key.find() ? key.group(1) + ":" + key.group(2) : ":";
        int newlineAt = text.indexOf('\n');
        if (newlineAt < 0) {
            Matcher comma = COMMA.matcher(text);
            return new JsonStyle(false, base, "", "\n", colon, comma.find() ? "," + comma.group(1) : ",");
        }
        String newline = newlineAt > 0 && text.charAt(newlineAt - 1) == '\r' ? "\r\n" : "\n";
        String next = text.substring(newlineAt + 1);
        int indent = 0;
        while (indent < next.length() && (next.charAt(indent) == ' ' || next.charAt(indent) == '\t')) {
            indent++;
        }
        String lineIndent = next.substring(0, indent);
        String unit = lineIndent.length() > base.length() && lineIndent.startsWith(base)
                ? lineIndent.substring(base.length()) : "  ";
        return new JsonStyle(true, base, unit, newline, colon, ",");
    }

    /** The whitespace after the last line break of {@code before}; none when other bytes follow it. */
    static String indentation(String before) {
        int lineStart = before.lastIndexOf('\n') + 1;
        String tail = before.substring(lineStart);
        return tail.isBlank() ? tail : "";
    }

    /** The same style for a record whose line is indented by {@code base}. */
    JsonStyle at(String otherBase) {
        return new JsonStyle(pretty, otherBase, unit, newline, colon, comma);
    }

    String write(JsonNode value) {
        StringBuilder out = new StringBuilder();
        write(value, 0, out);
        return out.toString();
    }

    byte[] bytes(JsonNode value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    private void write(JsonNode value, int depth, StringBuilder out) {
        if (value.isObject()) {
            if (value.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            boolean first = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                separate(first, depth + 1, out);
                first = false;
                string(field.getKey(), out);
                out.append(colon);
                write(field.getValue(), depth + 1, out);
            }
            close(depth, out);
            out.append('}');
        } else if (value.isArray()) {
            if (value.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            boolean first = true;
            for (JsonNode element : value) {
                separate(first, depth + 1, out);
                first = false;
                write(element, depth + 1, out);
            }
            close(depth, out);
            out.append(']');
        } else if (value.isTextual()) {
            string(value.textValue(), out);
        } else if (value.isBigDecimal()) {
            out.append(decimal(value.decimalValue()));
        } else {
            out.append(value.toString());
        }
    }

    private void separate(boolean first, int depth, StringBuilder out) {
        if (pretty) {
            if (!first) {
                out.append(',');
            }
            out.append(newline).append(base).append(unit.repeat(depth));
        } else if (!first) {
            out.append(comma);
        }
    }

    private void close(int depth, StringBuilder out) {
        if (pretty) {
            out.append(newline).append(base).append(unit.repeat(depth));
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, out);
        out.append('"');
    }

    /** As JavaScript writes a number: plain from 1e-7 up to 1e21, with an exponent beyond. */
    private static String decimal(BigDecimal number) {
        BigDecimal abs = number.abs();
        if (abs.signum() == 0 || (abs.compareTo(new BigDecimal("1e-7")) >= 0 && abs.compareTo(new BigDecimal("1e21")) < 0)) {
            return number.toPlainString();
        }
        return number.toString().replace("E", "e");
    }
}
