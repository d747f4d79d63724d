package io.jsonmig.bench.placeholder;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;

/**
 * Rows as PostgreSQL's {@code COPY ... (FORMAT csv)} reads them: every value in double quotes (inner
 * quotes doubled, so commas, newlines and backslashes stay text), NULL as an empty unquoted field.
 */
final class CsvRows {

    private CsvRows() {
    }

    static void write(Writer out, List<Object> row) throws IOException {
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            Object value = row.get(i);
            if (value != null) {
                out.write('"');
                String text = text(value);
                out.write(text.indexOf('"') < 0 ? text : text.replace("\"", "\"\""));
                out.write('"');
            }
        }
        out.write('\n');
    }

    private static String text(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof PlaceholderRecord.Jsonb jsonb) {
            return jsonb.json();
        }
        return value.toString();
    }
}
