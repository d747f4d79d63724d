package io.jsonmig.verification.check;

import io.jsonmig.migration.catalog.TableColumn;
import io.jsonmig.migration.load.ValueOptions;
import io.jsonmig.migration.mapping.FieldRoute;
import io.jsonmig.migration.mapping.FieldRoutes;
import io.jsonmig.support.source.JsonRecords;
import io.jsonmig.verification.value.ColumnValues;
import io.jsonmig.verification.value.ValueKind;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A record's expected canonical values read straight from the parser's tokens, by the plan's
 * {@link FieldRoutes} (which field goes to which column, by path): no tree per record, no map of values.
 * The values are the verification's own, from {@link ColumnValues}: a string into a text column is
 * made NFC, an integer token into an integer column is its own canonical text (JSON writes no leading
 * zeros or plus sign; {@code -0} is {@code 0}), and every other value is built alone as a tree and
 * given to {@link ColumnValues#expected}, exactly as the tree path gives it. Whatever the routes cannot
 * decide (a field without a route, a column met twice, a column with a default left unset) sends the
 * record to the tree path, read again from its bytes.
 */
final class StreamedRecord {

    private static final String UNSET = new String("\u0000unset");

    private final FieldRoutes routes;
    private final List<TableColumn> columns;
    private final Map<String, Integer> indexes = new HashMap<>();
    private final ValueKind[] kinds;
    private final boolean[] withDefault;
    private final String[] values;

    StreamedRecord(FieldRoutes routes, List<TableColumn> columns) {
        this.routes = routes;
        this.columns = columns;
        int n = columns.size();
        kinds = new ValueKind[n];
        withDefault = new boolean[n];
        values = new String[n];
        for (int i = 0; i < n; i++) {
            TableColumn column = columns.get(i);
            indexes.put(column.name(), i);
            kinds[i] = ValueKind.of(column.type());
            withDefault[i] = routes.columnsWithDefaults().contains(column.name());
        }
    }

    /**
     * Reads the record the parser stands on (its START_OBJECT) to its END_OBJECT.
     *
     * @return the expected values in column order (null for NULL), or null when the record needs its tree
     */
    List<String> read(JsonParser parser) throws IOException {
        JsonStreamContext outside = parser.getParsingContext().getParent();
        Arrays.fill(values, UNSET);
        if (!object(parser, routes.root()) || !defaultsNotNeeded()) {
            while (parser.getParsingContext() != outside) {
                JsonToken token = parser.nextToken();
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    parser.skipChildren();
                }
            }
            return null;
        }
        List<String> row = new ArrayList<>(values.length);
        for (String value : values) {
            row.add(value == UNSET ? null : value);
        }
        return row;
    }

    private boolean object(JsonParser parser, FieldRoute route) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            FieldRoute field = routes.field(route, parser.currentName());
            JsonToken token = parser.nextToken();
            if (field == null) {
                return false;
            }
            if (field.skipped()) {
                parser.skipChildren();
                continue;
            }
            boolean done = switch (token) {
                case START_OBJECT -> field.nested() ? object(parser, field) : field.column() != null && value(parser, token, field);
                case VALUE_NULL -> field.column() != null ? value(parser, token, field) : field.nested();
                default -> field.column() != null && value(parser, token, field);
            };
            if (!done) {
                return false;
            }
        }
        return true;
    }

    private boolean value(JsonParser parser, JsonToken token, FieldRoute field) throws IOException {
        Integer index = indexes.get(field.column());
        if (index == null || values[index] != UNSET) {
            return false;
        }
        int i = index;
        if (token == JsonToken.VALUE_NULL) {
            values[i] = null;
        } else if (kinds[i] == ValueKind.TEXT && token == JsonToken.VALUE_STRING) {
            values[i] = ColumnValues.nfc(parser.getText());
        } else if (kinds[i] == ValueKind.INTEGER && token == JsonToken.VALUE_NUMBER_INT) {
            String digits = parser.getText();
            values[i] = digits.equals("-0") ? "0" : digits;
        } else {
            values[i] = ColumnValues.expected(columns.get(i).type(), JsonRecords.value(parser),
                    field.options() == null ? ValueOptions.DEFAULTS : field.options());
        }
        return true;
    }

    private boolean defaultsNotNeeded() {
        for (int i = 0; i < withDefault.length; i++) {
            if (withDefault[i] && (values[i] == UNSET || values[i] == null)) {
                return false;
            }
        }
        return true;
    }
}
