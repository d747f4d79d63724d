package io.jsonmig.mappingplan.catalog;

import io.jsonmig.mappingplan.target.Identifiers;

/** The kinds of target objects a run can create, and how each is dropped (never with CASCADE). */
public enum ObjectKind {
    SCHEMA("schema", "SCHEMA", "pg_namespace"),
    TABLE("table", "TABLE", "pg_class"),
    FOREIGN_TABLE("foreign table", "FOREIGN TABLE", "pg_class"),
    VIEW("view", "VIEW", "pg_class"),
    MATERIALIZED_VIEW("materialized view", "MATERIALIZED VIEW", "pg_class"),
    SEQUENCE("sequence", "SEQUENCE", "pg_class"),
    INDEX("index", "INDEX", "pg_class"),
    TYPE("type", "TYPE", "pg_type"),
    DOMAIN("domain", "DOMAIN", "pg_type"),
    FUNCTION("function", "FUNCTION", "pg_proc"),
    PROCEDURE("procedure", "PROCEDURE", "pg_proc"),
    AGGREGATE("aggregate", "AGGREGATE", "pg_proc"),
    EXTENSION("extension", "EXTENSION", "pg_extension");

    private final String label;
    private final String sqlKeyword;
    private final String catalog;

    ObjectKind(String label, String sqlKeyword, String catalog) {
        this.label = label;
        this.sqlKeyword = sqlKeyword;
        this.catalog = catalog;
    }

    public String label() {
        return label;
    }

    /** The system catalog that holds objects of this kind. */
    public String catalog() {
        return catalog;
    }

    public boolean isRoutine() {
        return "pg_proc".equals(catalog);
    }

    /**
     * The statement that drops one object. Names come from the catalog and are quoted; a routine's
     * argument list is the one PostgreSQL itself printed ({@code pg_get_function_identity_arguments}).
     */
    public String dropStatement(String schema, String name, String identity) {
        String target = switch (this) {
            case SCHEMA, EXTENSION -> Identifiers.quote(name);
            case FUNCTION, PROCEDURE, AGGREGATE -> Identifiers.qualified(schema, name) + '(' + identity + ')';
            default -> Identifiers.qualified(schema, name);
        };
        return "DROP " + sqlKeyword + " IF EXISTS " + target;
    }
}
