package io.jsonmig.mappingplan.target;

/** A table of the target, always with its schema. */
public record TableName(String schema, String name) {

    /** Reads {@code table} or {@code schema.table}; an unqualified name lies in the target's current schema. */
    public static TableName parse(String raw, String defaultSchema) {
        int dot = raw.indexOf('.');
        return dot < 0 ? new TableName(defaultSchema, raw) : new TableName(raw.substring(0, dot), raw.substring(dot + 1));
    }

    public String sql() {
        return Identifiers.qualified(schema, name);
    }

    /**
     * {@code schema.name} as PostgreSQL displays it: {@code public.users}, {@code public."BlogPosts"}.
     * Other services read it back with {@code to_regclass}, so it must name exactly this table.
     */
    @Override
    public String toString() {
        return Identifiers.display(schema) + '.' + Identifiers.display(name);
    }
}
