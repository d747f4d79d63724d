package io.jsonmig.migration.target;

/**
 * SQL identifiers for statements that cannot take parameters (COPY, DROP, TRUNCATE). Every name
 * passed here was read from the target's catalog; quoting keeps it exactly that name.
 */
public final class Identifiers {

    private Identifiers() {
    }

    public static String quote(String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            throw new IllegalArgumentException("an SQL identifier cannot be empty");
        }
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an SQL identifier cannot contain a NUL character");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    public static String qualified(String schema, String name) {
        return quote(schema) + '.' + quote(name);
    }
}
