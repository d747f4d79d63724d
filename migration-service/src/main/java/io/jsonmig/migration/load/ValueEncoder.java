package io.jsonmig.migration.load;

import io.jsonmig.mappingplan.catalog.ColumnType;
import io.jsonmig.mappingplan.catalog.TableColumn;
import io.jsonmig.mappingplan.mapping.FieldValue;
import io.jsonmig.mappingplan.mapping.JsonKinds;
import io.jsonmig.mappingplan.mapping.UnmappableRecord;
import io.jsonmig.mappingplan.load.ValueOptions;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;

/**
 * Turns a field's JSON value into the text its column takes, deciding by the column's type in the
 * target's catalog (the rules: README, "Values"). Everything PostgreSQL would refuse without naming
 * the record, or would store changed (rounded, truncated, offset dropped), is refused here, naming
 * the field, the value's kind and the column with its type.
 */
public final class ValueEncoder {

    private ValueEncoder() {
    }

    /** @return the text, or {@code null} for SQL NULL; read with the field's options */
    public static String encode(FieldValue field, TableColumn column) {
        return encode(field, column, field.options());
    }

    public static String encode(FieldValue field, TableColumn column, ValueOptions options) {
        JsonNode value = field.value();
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        ColumnType type = column.type();
        String text;
        try {
            text = switch (type.category()) {
                case JSON -> {
                    if (ValueText.containsNul(value)) {
                        throw nul(field, column);
                    }
                    yield ValueText.json(value);
                }
                case ARRAY -> {
                    if (!value.isArray()) {
                        throw new UnmappableRecord(field.path(), "holds " + JsonKinds.describe(value) + ", but column "
                                + column.name() + " is " + type.sqlType() + ": expected a JSON array");
                    }
                    ColumnType element = type.element();
                    yield PgArrayLiteral.of(value, e -> element.category() == ColumnType.Category.JSON
                            ? ValueText.json(e) : scalar(e, element, options));
                }
                case SCALAR -> {
                    if (value.isContainerNode()) {
                        throw new UnmappableRecord(field.path(), "holds " + JsonKinds.describe(value) + ", but column "
                                + column.name() + " is " + type.sqlType() + " and takes a single value; map the "
                                + "fields inside it to columns, or use a json/jsonb column");
                    }
                    yield scalar(value, type, options);
                }
            };
        } catch (CoercionRefused refused) {
            throw new UnmappableRecord(field.path(), "holds " + JsonKinds.describe(value) + " " + refused.clause()
                    + "; column " + column.name() + " is " + type.sqlType());
        }
        if (text.indexOf('\0') >= 0) {
            throw nul(field, column);
        }
        if (hasUnpairedSurrogate(text)) {
            throw new UnmappableRecord(field.path(), "contains an unpaired UTF-16 surrogate (an escape such as "
                    + "\\ud800 without its other half), which UTF-8 cannot carry; column " + column.name());
        }
        return text;
    }

    /** The types {@link #scalar} converts a value for; any other type takes the value's own text. */
    private static final Set<String> CONVERTED = Set.of("int2", "int4", "int8", "numeric", "float4", "float8", "bool",
            "timestamptz", "timestamp", "date", "uuid", "bytea", "varchar", "bpchar");

    /** Whether a column of this (base) type takes a string as it is, the way {@link #scalar} writes it. */
    static boolean takesTextAsItIs(String baseType) {
        return !CONVERTED.contains(baseType);
    }

    /** One scalar (a column's value or an array's element) for a type that is neither JSON nor an array. */
    static String scalar(JsonNode value, ColumnType type, ValueOptions options) {
        if (value.isContainerNode()) {
            throw new CoercionRefused("is not a single value");
        }
        String base = type.baseType() == null ? "" : type.baseType();
        return switch (base) {
            case "int2" -> NumberCoercion.integer(value, 16);
            case "int4" -> NumberCoercion.integer(value, 32);
            case "int8" -> NumberCoercion.integer(value, 64);
            case "numeric" -> NumberCoercion.decimal(value, type.typmod());
            case "float4", "float8" -> NumberCoercion.floating(value);
            case "bool" -> BooleanCoercion.of(value);
            case "timestamptz" -> TemporalCoercion.timestampWithTimeZone(value, options.epochUnit());
            case "timestamp" -> TemporalCoercion.timestamp(value, options.epochUnit());
            case "date" -> TemporalCoercion.date(value);
            case "uuid" -> UuidCoercion.of(value);
            case "bytea" -> BinaryCoercion.of(value, options.binary());
            case "varchar", "bpchar" -> TextCoercion.of(value, type.typmod());
            // text, and types PostgreSQL parses from their text without loss (time, interval, inet, enums, ...);
            // every case above is in CONVERTED
            default -> ValueText.of(value);
        };
    }

    /** Java writes such a character to UTF-8 as {@code ?}: the value would arrive changed. */
    private static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static UnmappableRecord nul(FieldValue field, TableColumn column) {
        return new UnmappableRecord(field.path(), "contains the character U+0000, which PostgreSQL cannot store in "
                + column.type().sqlType() + "; column " + column.name());
    }
}
