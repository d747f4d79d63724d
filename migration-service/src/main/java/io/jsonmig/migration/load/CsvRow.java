package io.jsonmig.migration.load;

import java.util.List;

/**
 * One line of {@code COPY ... (FORMAT csv)} input. A value is always quoted (doubling its quotes),
 * so an empty string stays an empty string, line breaks stay inside the value and a lone
 * {@code \.} cannot end the data; SQL NULL is the empty, unquoted field.
 */
public final class CsvRow {

    private CsvRow() {
    }

    public static void append(StringBuilder out, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String value = values.get(i);
            if (value != null) {
                out.append('"');
                for (int j = 0; j < value.length(); j++) {
                    char c = value.charAt(j);
                    if (c == '"') {
                        out.append('"');
                    }
                    out.append(c);
                }
                out.append('"');
            }
        }
        out.append('\n');
    }
}
