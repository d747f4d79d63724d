package io.jsonmig.events.payload;

/**
 * How many records of a collection were loaded into its table, and how many were rejected
 * (quarantined in the run's reject file and the target's {@code _jsonmig_rejects} table).
 */
public record TableLoad(String collection, String table, long rows, long rejected) {

    /** A collection loaded without rejects. */
    public TableLoad(String collection, String table, long rows) {
        this(collection, table, rows, 0);
    }
}
