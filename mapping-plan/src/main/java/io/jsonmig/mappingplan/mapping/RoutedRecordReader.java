package io.jsonmig.mappingplan.mapping;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a record token by token by its resolver's {@link FieldRoutes}, for readers that want a record's
 * column values without its tree: each field a route sends to one of the reader's columns is handed
 * to a {@link ColumnValue} with the column's index. Whatever the routes cannot decide (a field without
 * a route, a column met twice, a value that is neither an object to go into nor a column's, a column
 * with a default left unset or null) ends the read with false; the parser is taken past the record all
 * the same, so that its reader can fall back to the record's tree, which decides it.
 */
public final class RoutedRecordReader {

    /** Takes the value the parser stands on for a column. */
    @FunctionalInterface
    public interface ColumnValue {
        /** @return false when only the record's tree can tell what the column gets */
        boolean take(JsonParser parser, JsonToken token, FieldRoute field, int column) throws IOException;
    }

    private final FieldRoutes routes;
    private final Map<String, Integer> indexes = new HashMap<>();
    private final boolean[] withDefault;
    private final boolean[] taken;
    private final boolean[] nulls;

    /** @param columns the names of the columns the reader wants, in its order */
    public RoutedRecordReader(FieldRoutes routes, List<String> columns) {
        this.routes = routes;
        withDefault = new boolean[columns.size()];
        taken = new boolean[columns.size()];
        nulls = new boolean[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            indexes.put(columns.get(i), i);
            withDefault[i] = routes.columnsWithDefaults().contains(columns.get(i));
        }
    }

    /**
     * Reads the record the parser stands on (its START_OBJECT) to its END_OBJECT.
     *
     * @return true when every field went where its route says, and each column took its value
     */
    public boolean read(JsonParser parser, ColumnValue values) throws IOException {
        JsonStreamContext outside = parser.getParsingContext().getParent();
        Arrays.fill(taken, false);
        Arrays.fill(nulls, false);
        if (object(parser, routes.root(), values) && defaultsNotNeeded()) {
            return true;
        }
        while (parser.getParsingContext() != outside) {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                parser.skipChildren();
            }
        }
        return false;
    }

    private boolean object(JsonParser parser, FieldRoute route, ColumnValue values) throws IOException {
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
                case START_OBJECT -> field.nested() ? object(parser, field, values)
                        : field.column() != null && column(parser, token, field, values);
                case VALUE_NULL -> field.column() != null ? column(parser, token, field, values) : field.nested();
                default -> field.column() != null && column(parser, token, field, values);
            };
            if (!done) {
                return false;
            }
        }
        return true;
    }

    private boolean column(JsonParser parser, JsonToken token, FieldRoute field, ColumnValue values)
            throws IOException {
        Integer index = indexes.get(field.column());
        if (index == null || taken[index]) {
            return false;
        }
        taken[index] = true;
        nulls[index] = token == JsonToken.VALUE_NULL;
        return values.take(parser, token, field, index);
    }

    private boolean defaultsNotNeeded() {
        for (int i = 0; i < withDefault.length; i++) {
            if (withDefault[i] && (!taken[i] || nulls[i])) {
                return false;
            }
        }
        return true;
    }
}
