package io.jsonmig.events.payload;

/** How many records of a collection were loaded into its table. */
public record TableLoad(String collection, String table, long rows) {
}
