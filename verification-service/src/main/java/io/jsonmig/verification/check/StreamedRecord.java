package io.jsonmig.verification.check;

import io.jsonmig.mappingplan.catalog.TableColumn;
import io.jsonmig.mappingplan.load.ValueOptions;
import io.jsonmig.mappingplan.mapping.FieldRoute;
import io.jsonmig.mappingplan.mapping.FieldRoutes;
import io.jsonmig.mappingplan.mapping.RoutedRecordReader;
import io.jsonmig.support.source.JsonRecords;
import io.jsonmig.mappingplan.value.ColumnValues;
import io.jsonmig.mappingplan.value.ValueKind;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

    private final RoutedRecordReader reader;
    private final List<TableColumn> columns;
    private final ValueKind[] kinds;
    private final String[] values;

    StreamedRecord(FieldRoutes routes, List<TableColumn> columns) {
        this.reader = new RoutedRecordReader(routes, columns.stream().map(TableColumn::name).toList());
        this.columns = columns;
        int n = columns.size();
        kinds = new ValueKind[n];
        values = new String[n];
        for (int i = 0; i < n; i++) {
            kinds[i] = ValueKind.of(columns.get(i).type());
        }
    }

    /**
     * Reads the record the parser stands on (its START_OBJECT) to its END_OBJECT.
     *
     * @return the expected values in column order (null for NULL), or null when the record needs its tree
     */
    List<String> read(JsonParser parser) throws IOException {
        Arrays.fill(values, UNSET);
        if (!reader.read(parser, this::value)) {
            return null;
        }
        List<String> row = new ArrayList<>(values.length);
        for (String value : values) {
            row.add(value == UNSET ? null : value);
        }
        return row;
    }

    private boolean value(JsonParser parser, JsonToken token, FieldRoute field, int i) throws IOException {
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
}
