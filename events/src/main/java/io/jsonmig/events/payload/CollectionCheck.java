package io.jsonmig.events.payload;

/**
 * One collection's verification: what the snapshot holds (records less rejected) against what its table
 * holds. {@code passed} only when the counts agree and the table's row-by-row comparison, column figures,
 * keys and schema checks found nothing (the report at the event's {@code reportLocation} says what).
 */
public record CollectionCheck(String collection, String table, long expected, long actual, boolean passed) {
}
