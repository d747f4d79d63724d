package io.jsonmig.migration.catalog;

/**
 * A column's type as the target's catalog declares it; decides how a JSON value is written.
 *
 * @param sqlType as PostgreSQL prints it, e.g. {@code numeric(9,6)} or {@code text[]}
 */
public record ColumnType(String sqlType, Category category) {

    public enum Category {
        /** json or jsonb (or a domain over them): takes any JSON value as JSON text */
        JSON,
        /** an array type: takes a JSON array as a PostgreSQL array literal */
        ARRAY,
        /** anything else: takes one scalar in its text form */
        SCALAR
    }

    public static ColumnType of(String sqlType, String baseTypeName, String baseTypeCategory) {
        if ("json".equals(baseTypeName) || "jsonb".equals(baseTypeName)) {
            return new ColumnType(sqlType, Category.JSON);
        }
        return new ColumnType(sqlType, "A".equals(baseTypeCategory) ? Category.ARRAY : Category.SCALAR);
    }
}
