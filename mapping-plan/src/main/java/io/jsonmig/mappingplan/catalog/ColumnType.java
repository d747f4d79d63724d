package io.jsonmig.mappingplan.catalog;

/**
 * A column's type as the target's catalog declares it; decides how a JSON value is written.
 *
 * @param sqlType  as PostgreSQL prints it, e.g. {@code numeric(9,6)} or {@code text[]}
 * @param baseType the name of the type in {@code pg_type} (a domain's base type), e.g. {@code int4},
 *                 {@code varchar}, {@code _int4} for {@code integer[]}
 * @param typmod   the type modifier ({@code atttypmod}): the length of {@code varchar(n)}, the precision
 *                 and scale of {@code numeric(p,s)}; -1 when the type has none
 */
public record ColumnType(String sqlType, Category category, String baseType, int typmod) {

    public enum Category {
        /** json or jsonb (or a domain over them): takes any JSON value as JSON text */
        JSON,
        /** an array type: takes a JSON array as a PostgreSQL array literal */
        ARRAY,
        /** anything else: takes one scalar in its text form */
        SCALAR
    }

    public static ColumnType of(String sqlType, String baseTypeName, String baseTypeCategory) {
        return of(sqlType, baseTypeName, baseTypeCategory, -1);
    }

    public static ColumnType of(String sqlType, String baseTypeName, String baseTypeCategory, int typmod) {
        if ("json".equals(baseTypeName) || "jsonb".equals(baseTypeName)) {
            return new ColumnType(sqlType, Category.JSON, baseTypeName, typmod);
        }
        return new ColumnType(sqlType, "A".equals(baseTypeCategory) ? Category.ARRAY : Category.SCALAR, baseTypeName,
                typmod);
    }

    /**
     * The type of an array's elements, with the same modifier ({@code varchar(10)[]} has elements of
     * {@code varchar(10)}). PostgreSQL names an array type after its element type with a leading underscore.
     */
    public ColumnType element() {
        if (category != Category.ARRAY || baseType == null || !baseType.startsWith("_")) {
            throw new IllegalStateException(sqlType + " is not an array type");
        }
        String element = baseType.substring(1);
        String elementSql = sqlType.endsWith("[]") ? sqlType.substring(0, sqlType.length() - 2) : element;
        return of(elementSql, element, "", typmod);
    }
}
