package io.jsonmig.migration.load;

import io.jsonmig.migration.catalog.TableColumn;
import io.jsonmig.migration.mapping.FieldValue;
import io.jsonmig.migration.mapping.JsonKinds;
import io.jsonmig.migration.mapping.UnmappableRecord;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns a field's JSON value into the text its column takes, deciding by the column's type in the
 * target's catalog: JSON text for json/jsonb, an array literal for array columns, the scalar's text
 * for anything else (PostgreSQL parses numbers, booleans and ISO-8601 timestamps with offsets itself).
 */
public final class ValueEncoder {

    private ValueEncoder() {
    }

    /** @return the text, or {@code null} for SQL NULL */
    public static String encode(FieldValue field, TableColumn column) {
        JsonNode value = field.value();
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        String text = switch (column.type().category()) {
            case JSON -> ValueText.json(value);
            case ARRAY -> {
                if (!value.isArray()) {
                    throw new UnmappableRecord(field.path(), "holds " + JsonKinds.describe(value) + ", but column "
                            + column.name() + " is " + column.type().sqlType() + ": expected a JSON array");
                }
                yield PgArrayLiteral.of(value);
            }
            case SCALAR -> {
                if (value.isContainerNode()) {
                    throw new UnmappableRecord(field.path(), "holds " + JsonKinds.describe(value) + ", but column "
                            + column.name() + " is " + column.type().sqlType() + " and takes a single value; map the "
                            + "fields inside it to columns, or use a json/jsonb column");
                }
                yield ValueText.of(value);
            }
        };
        if (text.indexOf('\0') >= 0) {
            throw new UnmappableRecord(field.path(), "contains the character U+0000, which PostgreSQL cannot store in "
                    + column.type().sqlType());
        }
        return text;
    }
}
