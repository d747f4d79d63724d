package io.jsonmig.mappingplan.value;

import io.jsonmig.mappingplan.catalog.ColumnType;

/** The families of column types the verification compares in their own way. */
public enum ValueKind {
    INTEGER, NUMERIC, FLOAT4, FLOAT8, BOOLEAN, TIMESTAMPTZ, TIMESTAMP, DATE, TEXT, BPCHAR, UUID, BYTEA, JSON, ARRAY,
    /** any other type ({@code time}, {@code interval}, enums, ...): compared as PostgreSQL's text */
    OTHER;

    public static ValueKind of(ColumnType type) {
        if (type.category() == ColumnType.Category.JSON) {
            return JSON;
        }
        if (type.category() == ColumnType.Category.ARRAY) {
            return ARRAY;
        }
        String base = type.baseType() == null ? "" : type.baseType();
        return switch (base) {
            case "int2", "int4", "int8" -> INTEGER;
            case "numeric" -> NUMERIC;
            case "float4" -> FLOAT4;
            case "float8" -> FLOAT8;
            case "bool" -> BOOLEAN;
            case "timestamptz" -> TIMESTAMPTZ;
            case "timestamp" -> TIMESTAMP;
            case "date" -> DATE;
            case "text", "varchar", "name", "citext" -> TEXT;
            case "bpchar" -> BPCHAR;
            case "uuid" -> UUID;
            case "bytea" -> BYTEA;
            default -> OTHER;
        };
    }

    /** Whether sums of the column mean something (exact decimals). */
    public boolean summable() {
        return this == INTEGER || this == NUMERIC;
    }

    /** Whether min and max of the column mean something, compared as the canonical values. */
    public boolean ordered() {
        return this == INTEGER || this == NUMERIC || this == FLOAT4 || this == FLOAT8 || this == TIMESTAMPTZ
                || this == TIMESTAMP || this == DATE;
    }

    public boolean textual() {
        return this == TEXT || this == BPCHAR;
    }
}
