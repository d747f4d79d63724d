package io.jsonmig.migration.mapping;

/** A field of a record that has no column, or a value its column cannot take. */
public class UnmappableRecord extends RuntimeException {

    private final String field;

    public UnmappableRecord(String field, String reason) {
        super("field '" + field + "' " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
