package io.jsonmig.migration.load;

import io.jsonmig.mappingplan.catalog.ColumnType;
import io.jsonmig.mappingplan.catalog.TableColumn;
import io.jsonmig.mappingplan.mapping.FieldRoute;
import io.jsonmig.mappingplan.mapping.FieldRoutes;
import io.jsonmig.mappingplan.mapping.FieldValue;
import io.jsonmig.mappingplan.mapping.RoutedRecordReader;
import io.jsonmig.mappingplan.mapping.UnmappableRecord;
import io.jsonmig.support.source.JsonRecords;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes a record into its COPY row straight from the parser's tokens, by the resolver's
 * {@link FieldRoutes}: no tree, no map of values, no strings for the values that need none. Strings
 * into text columns and whole numbers into integer columns are copied as they are; every other value
 * is built alone and encoded by {@link ValueEncoder}, so a value gets the text the tree path gives it.
 * Whatever the routes cannot decide, or the encoder refuses, sends the record to the tree path
 * (false), which then maps or refuses it with its reason.
 */
final class StreamedRecordEncoder {

    /** How a column's values are written when they come as they are. */
    private enum Kind { TEXT, INTEGER, BOOLEAN, OTHER }

    private final RoutedRecordReader reader;
    private final List<TableColumn> columns;
    private final Kind[] kinds;
    /** int2, int4, int8: the bits, else 0. */
    private final int[] bits;
    /** varchar(n): n, else -1. */
    private final int[] lengthLimits;
    private final int[] starts;
    private final int[] ends;
    private final CopyBuffer values = new CopyBuffer(4096);

    StreamedRecordEncoder(FieldRoutes routes, List<TableColumn> columns) {
        this.reader = new RoutedRecordReader(routes, columns.stream().map(TableColumn::name).toList());
        this.columns = columns;
        int n = columns.size();
        kinds = new Kind[n];
        bits = new int[n];
        lengthLimits = new int[n];
        starts = new int[n];
        ends = new int[n];
        for (int i = 0; i < n; i++) {
            ColumnType type = columns.get(i).type();
            String base = type.category() == ColumnType.Category.SCALAR && type.baseType() != null ? type.baseType() : "";
            bits[i] = switch (base) {
                case "int2" -> 16;
                case "int4" -> 32;
                case "int8" -> 64;
                default -> 0;
            };
            lengthLimits[i] = -1;
            kinds[i] = switch (base) {
                case "int2", "int4", "int8" -> Kind.INTEGER;
                case "bool" -> Kind.BOOLEAN;
                case "varchar", "bpchar" -> {
                    lengthLimits[i] = type.typmod() >= 4 ? type.typmod() - 4 : -1;
                    yield Kind.TEXT;
                }
                case "" -> Kind.OTHER;
                default -> ValueEncoder.takesTextAsItIs(base) ? Kind.TEXT : Kind.OTHER;
            };
        }
    }

    /**
     * Reads the record the parser stands on (its START_OBJECT) to its END_OBJECT.
     *
     * @return true with the record's row appended to {@code out}; false with nothing appended, when
     *         the record needs the tree path
     */
    boolean encode(JsonParser parser, CopyBuffer out) throws IOException {
        Arrays.fill(starts, -1);
        values.clear();
        if (!reader.read(parser, this::value)) {
            return false;
        }
        for (int i = 0; i < starts.length; i++) {
            if (i > 0) {
                out.appendAscii(',');
            }
            if (starts[i] >= 0) {
                out.append(values, starts[i], ends[i]);
            }
        }
        out.appendAscii('\n');
        return true;
    }

    private boolean value(JsonParser parser, JsonToken token, FieldRoute field, int i) throws IOException {
        starts[i] = values.length();
        boolean done = token == JsonToken.VALUE_NULL || switch (kinds[i]) {
            case TEXT -> token == JsonToken.VALUE_STRING ? text(parser, i) : encoded(parser, field, i);
            case INTEGER -> token == JsonToken.VALUE_NUMBER_INT && fitsInteger(parser, i)
                    ? appendDigits(parser) : encoded(parser, field, i);
            case BOOLEAN -> token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE
                    ? appendBoolean(token) : encoded(parser, field, i);
            case OTHER -> encoded(parser, field, i);
        };
        ends[i] = values.length();
        return done;
    }

    /**
     * A string as it is; false for one that may be over its column's limit, or holds what PostgreSQL
     * cannot store: the tree path counts it exactly, or refuses it with the reason.
     */
    private boolean text(JsonParser parser, int i) throws IOException {
        int length = parser.getTextLength();
        // a string of n UTF-16 units has at most n characters: within the limit, it need not be counted
        if (lengthLimits[i] >= 0 && length > lengthLimits[i]) {
            return false;
        }
        return values.tryAppendQuoted(parser.getTextCharacters(), parser.getTextOffset(), length);
    }

    private boolean fitsInteger(JsonParser parser, int i) throws IOException {
        char[] text = parser.getTextCharacters();
        int at = parser.getTextOffset();
        if (parser.getTextLength() == 2 && text[at] == '-' && text[at + 1] == '0') {
            return false; // the tree path writes 0
        }
        return switch (parser.getNumberType()) {
            case INT -> bits[i] >= 32 || (parser.getIntValue() >= Short.MIN_VALUE && parser.getIntValue() <= Short.MAX_VALUE);
            case LONG -> bits[i] == 64;
            default -> false;
        };
    }

    /**
     * A JSON integer's text is the integer's text as the tree path writes it (JSON has no leading
     * zeros or plus sign); quoted like every value, so a row is the same either way.
     */
    private boolean appendDigits(JsonParser parser) throws IOException {
        return values.tryAppendQuoted(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
    }

    private boolean appendBoolean(JsonToken token) {
        values.appendQuoted(token == JsonToken.VALUE_TRUE ? "true" : "false");
        return true;
    }

    /**
     * The value built alone and encoded as the tree path encodes it; false when the encoder refuses
     * it (the tree path then refuses the record with the reason).
     */
    private boolean encoded(JsonParser parser, FieldRoute field, int i) throws IOException {
        FieldValue value = new FieldValue(field.path(), JsonRecords.value(parser), field.options());
        try {
            String text = ValueEncoder.encode(value, columns.get(i));
            if (text != null) {
                values.appendQuoted(text);
            }
            return true;
        } catch (UnmappableRecord refused) {
            return false;
        }
    }
}
