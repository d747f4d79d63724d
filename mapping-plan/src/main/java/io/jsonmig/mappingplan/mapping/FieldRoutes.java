package io.jsonmig.mappingplan.mapping;

import java.util.Set;

/**
 * A resolver's decisions for a record's fields, looked up by name as a parser meets them. Where a
 * decision depends on more than a field's path and the kind of its value, there is no route, and
 * the record goes through {@link FieldResolver#resolve} as a tree: the routes are a faster way to
 * the same values, never other values.
 */
public interface FieldRoutes {

    /** The record itself: its fields are routed one by one. */
    FieldRoute root();

    /** @return the route of field {@code name} of the object at {@code parent}, or null when there is none */
    FieldRoute field(FieldRoute parent, String name);

    /** Columns that take a default when their field is missing or null: such a record needs its tree. */
    Set<String> columnsWithDefaults();
}
