package io.jsonmig.mappingplan.mapping;

/** A field of a record that has no column, or a value its column cannot take. */
public class UnmappableRecord extends RuntimeException {

    private final String field;
    private final String reason;

    public UnmappableRecord(String field, String reason) {
        super("field '" + field + "' " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    /** The same problem, its field named from an enclosing path ({@code comments[2]} + {@code at}). */
    public UnmappableRecord within(String prefix) {
        return new UnmappableRecord(prefix + "." + field, reason);
    }
}
