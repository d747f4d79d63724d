package io.jsonmig.events.payload;

/**
 * How many records of a collection were loaded into its table, and how many were rejected
 * (quarantined in the run's reject file and the target's {@code _jsonmig_rejects} table).
 *
 * @param rowsBefore rows the table held before the run added its own (an append run); 0 otherwise
 */
public record TableLoad(String collection, String table, long rows, long rejected, long rowsBefore) {

    /** A collection loaded into an empty table. */
    public TableLoad(String collection, String table, long rows, long rejected) {
        this(collection, table, rows, rejected, 0);
    }

    /** A collection loaded into an empty table without rejects. */
    public TableLoad(String collection, String table, long rows) {
        this(collection, table, rows, 0);
    }
}
