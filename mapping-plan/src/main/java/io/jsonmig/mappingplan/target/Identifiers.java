package io.jsonmig.mappingplan.target;

import java.util.regex.Pattern;

/**
 * SQL identifiers for statements that cannot take parameters (COPY, DROP, DELETE). Every name
 * passed here was read from the target's catalog; quoting keeps it exactly that name.
 */
public final class Identifiers {

    /** A name PostgreSQL reads back unchanged without quotes: it folds everything else to lower case. */
    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

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

    /**
     * The name as PostgreSQL itself displays it (like {@code quote_ident}, keywords aside): plain
     * lower-case names unquoted, every other name quoted. Parsed again, e.g. by {@code to_regclass},
     * it is exactly this name. For messages too, so it never refuses a name, not even an empty one.
     */
    public static String display(String identifier) {
        String name = identifier == null ? "" : identifier;
        return PLAIN.matcher(name).matches() ? name : '"' + name.replace("\"", "\"\"") + '"';
    }
}
