package io.jsonmig.mappingplan.mapping;

import io.jsonmig.mappingplan.load.ValueOptions;

import java.util.HashMap;
import java.util.Map;

/**
 * Where one field of a record goes, as its resolver decides by the field's path alone, for a load
 * that reads a record token by token instead of as a tree ({@link FieldRoutes}).
 *
 * @param path    the field path, with dots for nesting ({@code address.geo.lat}); empty for the record
 * @param column  the column that takes the field's value whole, or null
 * @param nested  whether the fields of an object here are routed one by one (tried before {@code column})
 * @param skipped whether the field is loaded elsewhere (a child table's array)
 * @param context what the resolver needs to route the fields inside (its own business)
 */
public record FieldRoute(String path, String column, ValueOptions options, boolean nested, boolean skipped,
                         Object context, Map<String, FieldRoute> fields) {

    static FieldRoute root(Object context) {
        return new FieldRoute("", null, ValueOptions.DEFAULTS, true, false, context, new HashMap<>());
    }

    /** The path of a field inside this one. */
    String pathOf(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
