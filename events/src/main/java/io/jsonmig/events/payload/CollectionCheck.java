package io.jsonmig.events.payload;

/** One verification check: what the snapshot holds against what the table holds. */
public record CollectionCheck(String collection, String table, long expected, long actual, boolean passed) {
}
